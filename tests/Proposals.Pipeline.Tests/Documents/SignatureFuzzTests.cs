using System.Globalization;
using System.Text;
using Proposals.Domain.Signatures;
using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>
/// Signed PDFs mutated as a fuzzer would (truncated, bit-flipped, numbers made huge or negative, bytes inserted),
/// from a fixed seed so a failure replays: no exception leaves the validator, and every signature it still finds
/// ends in a state with a reason. A stuck submission is how a thrown exception shows in the pipeline.
/// </summary>
public sealed class SignatureFuzzTests : IDisposable
{
    private const string TaxCode = "0100233488";
    private const int Mutations = 150;
    private readonly TestPki _pki = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "trusted-roots-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SignatureTrust _trust;

    public SignatureFuzzTests() => _trust = SignatureTrust.Load(_pki.WriteTrustedRoots(_folder));

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("signed", 1)]
    [InlineData("co-signed", 2)]
    [InlineData("timestamped", 3)]
    [InlineData("shadowed", 4)]
    public void Mutated_signed_PDFs_end_in_a_state_with_a_reason_and_never_throw(string kind, int seed)
    {
        var signed = SignedPdfs.Sign(_pki.Enterprise(TaxCode), [_pki.Intermediate], DateTimeOffset.UtcNow.AddMinutes(-5));
        using var tsa = _pki.TimestampAuthority();
        var original = kind switch
        {
            "co-signed" => SignedPdfs.AddSignature(signed, _pki.Enterprise("0100112437"), [_pki.Intermediate]),
            "timestamped" => SignedPdfs.AddDocumentTimestamp(signed, tsa),
            "shadowed" => ForgedPdfs.ObjectStreamShadowOrPlain(signed, seed),
            _ => signed,
        };
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Mutations; i++)
        {
            var (how, mutated) = Mutate(original, random);
            IReadOnlyList<PdfSignature> signatures = [];
            Should.NotThrow(() => signatures = PdfSignatures.Check(mutated, _trust, DateTimeOffset.UtcNow), $"{kind} #{i}: {how}");
            var states = signatures.Select(s => s.StateFor(TaxCode)).ToList();
            foreach (var signature in signatures)
            {
                SignatureStates.All.ShouldContain(signature.StateFor(TaxCode));
                signature.Notes.ShouldNotBeEmpty($"{kind} #{i}: {how}: every state says why");
                if (signature.Indication != SignatureIndication.Passed)
                {
                    signature.SubIndication.ShouldNotBeNull($"{kind} #{i}: {how}");
                }
            }

            var state = SignatureStates.Combine(states);
            outcomes[state] = outcomes.GetValueOrDefault(state) + 1;
        }

        outcomes.Keys.ShouldContain(k => k != SignatureStates.Verified, "mutations must reach the refusals, not only the happy path");
    }

    [Fact]
    public void A_cross_reference_stream_claiming_more_entries_than_a_file_holds_is_refused_before_any_parser_sees_it()
    {
        // The fuzz input that used to take the test host down: PdfPig loops over the /Index it is given.
        var shadowed = ForgedPdfs.ShadowPageInObjectStream(SignedPdfs.Sign(_pki.Enterprise(TaxCode), [_pki.Intermediate]));
        var text = Encoding.Latin1.GetString(shadowed);
        var at = text.LastIndexOf("/Index [", StringComparison.Ordinal) + "/Index [".Length;
        var hostile = Encoding.Latin1.GetBytes(text[..(text.IndexOf(' ', at) + 1)] + "99999999999999999999999999999" + text[text.IndexOf(' ', text.IndexOf(' ', at) + 1)..]);

        PdfPreflight.IsSafeToParse(shadowed).ShouldBeTrue();
        PdfPreflight.IsSafeToParse(hostile).ShouldBeFalse();
        PdfSignatures.Check(hostile, _trust, DateTimeOffset.UtcNow).ShouldBeEmpty("nothing parsed, nothing proven");
    }

    private static (string How, byte[] Pdf) Mutate(byte[] pdf, Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                var length = random.Next(pdf.Length);
                return ($"truncated at {length}", pdf[..length]);
            case 1:
                var flipped = (byte[])pdf.Clone();
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return ($"{flips} bits flipped", flipped);
            case 2:
                return ReplaceNumber(pdf, random, "99999999999999999999999999999");
            case 3:
                return ReplaceNumber(pdf, random, "-" + random.Next(1, 100000).ToString(CultureInfo.InvariantCulture));
            default:
                var at = random.Next(pdf.Length);
                var junk = Encoding.Latin1.GetBytes(random.Next(3) switch { 0 => "<<", 1 => " 1 0 obj ", _ => ")" });
                return ($"'{Encoding.Latin1.GetString(junk)}' inserted at {at}", [.. pdf[..at], .. junk, .. pdf[at..]]);
        }
    }

    /// <summary>A number of the file (a byte range, an offset, a length, a count) replaced by <paramref name="number"/>.</summary>
    private static (string How, byte[] Pdf) ReplaceNumber(byte[] pdf, Random random, string number)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var candidates = new List<(int Start, int Length)>();
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && (text[i - 1] is ' ' or '[' or '\n'))
            {
                var end = i;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                if (end < text.Length && text[end] is ' ' or ']' or '\n' or '/' or '>')
                {
                    candidates.Add((i, end - i));
                }

                i = end;
            }
        }

        var (start, count) = candidates[random.Next(candidates.Count)];
        return ($"number at {start} → {number}", [.. pdf[..start], .. Encoding.Latin1.GetBytes(number), .. pdf[(start + count)..]]);
    }
}
