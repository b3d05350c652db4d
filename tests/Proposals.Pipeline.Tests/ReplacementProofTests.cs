using System.Security.Cryptography.X509Certificates;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// The Idempotency-Key path of issue 20: a first request aborted mid-upload leaves a claim; after the abandoned-claim
/// age a retry under the same key used to skip the replacement's proof (and its <c>replaces*</c> fields were outside
/// the request hash), so a wrong token displaced the victim. Now the proof is checked on every path and the hash
/// covers every field.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ReplacementProofTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private readonly string _callId = TestCalls.NewId();
    private readonly string _taxCode = SampleProposal.UniqueTaxCode();
    private readonly TestPki _pki = new();
    private PipelineServices _pipeline = null!;

    public async Task InitializeAsync() => _pipeline = await PipelineServices.StartAsync(azurite, DateTimeOffset.UtcNow, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(3)));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    public void Dispose() => _pki.Dispose();

    private IntakeStage Intake => _pipeline.Get<IntakeStage>();

    private Dictionary<string, string> Fields(Action<Dictionary<string, string>>? change = null) =>
        SampleProposal.Fields(f =>
        {
            f["taxCode"] = _taxCode;
            change?.Invoke(f);
        });

    [Fact]
    public async Task A_request_aborted_mid_upload_and_replayed_with_a_different_proof_displaces_nothing()
    {
        var victim = (await Intake.SubmitAsync(Incoming.Submission(_callId, Fields()), default)).ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        var signed = SignedPdfs.Sign(_pki.Enterprise(_taxCode), [_pki.Intermediate]);
        var forgedFields = Fields(f => f["taskName"] = "Nhiệm vụ của kẻ mạo danh");

        // How many times intake opens the Word file for a request shaped like the forger's: the last is its upload.
        var opens = 0;
        await Intake.SubmitAsync(WithForm(Incoming.Submission(_callId, forgedFields, pdf: signed, idempotencyKey: "measure"), () => { opens++; return null; }), default);

        foreach (var (key, replay) in new (string, Action<Dictionary<string, string>>)[]
        {
            ("forger-1", f => { f[ProposalFields.ReplacesSubmissionId] = victim.SubmissionId; f[ProposalFields.ReplacesTrackingToken] = "sai-ma-tra-cuu"; }),
            ("forger-2", f => f[ProposalFields.ReplacesSubmissionId] = victim.SubmissionId), // by the (lifted) signature alone
        })
        {
            // The first request dies while its Word file uploads: the claim and the scan are stored, no row.
            var open = 0;
            var aborted = WithForm(Incoming.Submission(_callId, forgedFields, pdf: signed, idempotencyKey: key),
                () => ++open == opens ? new AbortingStream(SampleDocuments.Docx()) : null);
            var died = await Should.ThrowAsync<Exception>(() => Intake.SubmitAsync(aborted, default));
            died.ToString().ShouldContain("The client disconnected.");
            var claim = (await _pipeline.Get<IntakeKeys>().FindClaimAsync(_callId, key, default)).ShouldNotBeNull("aborted after the claim");
            (await _pipeline.Get<SubmissionStore>().FindAsync(_callId, claim.SubmissionId, default)).ShouldBeNull("aborted before the row: mid-upload");

            _pipeline.Clock.Advance(ClaimOnce.AbandonedClaimAge + TimeSpan.FromSeconds(1));
            var fields = new Dictionary<string, string>(forgedFields);
            replay(fields);
            var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, fields, pdf: signed, idempotencyKey: key), default);

            outcome.ShouldBeOneOf(
                [new IntakeOutcome.ReplaceForbidden(), new IntakeOutcome.IdempotencyKeyReused()], $"{key}: the resumed claim is checked like any request");
        }

        var stored = await _pipeline.Get<SubmissionStore>().FindAsync(_callId, victim.SubmissionId, default);
        (stored!.SupersededBy, stored.Replaces).ShouldBe((null, null));
        (await _pipeline.RowsAsync(_callId)).ShouldNotContain(r => r.Replaces == victim.SubmissionId || r.ReplacesBySignature == victim.SubmissionId);
    }

    [Fact]
    public async Task A_retry_of_a_stored_replacement_still_gets_its_receipt()
    {
        var earlier = (await Intake.SubmitAsync(Incoming.Submission(_callId, Fields()), default)).ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        var revision = Fields(f =>
        {
            f[ProposalFields.ReplacesSubmissionId] = earlier.SubmissionId;
            f[ProposalFields.ReplacesTrackingToken] = earlier.TrackingToken;
        });
        var first = (await Intake.SubmitAsync(Incoming.Submission(_callId, revision, idempotencyKey: "revise-1"), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        await _pipeline.Get<SubmissionStore>().UpdateAsync(_callId, earlier.SubmissionId, r =>
        {
            r.SupersededBy = first.Receipt.SubmissionId; // as classification records it
            return true;
        }, default);

        var again = (await Intake.SubmitAsync(Incoming.Submission(_callId, revision, idempotencyKey: "revise-1"), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        (again.Replayed, again.Receipt).ShouldBe((true, first.Receipt));
    }

    /// <summary>The submission with its Word file opened through <paramref name="instead"/> when that gives a stream.</summary>
    private static IncomingSubmission WithForm(IncomingSubmission submission, Func<Stream?> instead)
    {
        var form = submission.Documents[ProposalFields.EditableForm];
        var docx = SampleDocuments.Docx();
        var documents = new Dictionary<string, IncomingDocument>(submission.Documents)
        {
            [ProposalFields.EditableForm] = form with { OpenReadStream = () => instead() ?? new MemoryStream(docx) },
        };
        return submission with { Documents = documents };
    }

    /// <summary>A client that goes away half-way through its upload.</summary>
    private sealed class AbortingStream(byte[] content) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= Length / 2 ? throw new IOException("The client disconnected.") : base.Read(buffer, offset, Math.Min(count, (int)(Length / 2 - Position) + 1));

        public override int Read(Span<byte> buffer) =>
            Position >= Length / 2 ? throw new IOException("The client disconnected.") : base.Read(buffer[..Math.Min(buffer.Length, (int)(Length / 2 - Position) + 1)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
