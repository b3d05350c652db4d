namespace Proposals.Domain.Classification;

/// <summary>
/// The pairs of distinct task names that <see cref="DuplicateRules.AreSimilar"/> calls similar, among many
/// (a programme's 100,000 names), without comparing every pair. Candidates come from prefix filtering on
/// words (Chaudhuri, Ganti and Kaushik, "A primitive operator for similarity joins", 2006): each name's
/// words are sorted rarest first, and two names whose words overlap by the rule's share must share a word
/// among the first <c>n − ⌈0.6·n⌉ + 1</c> of each. Every candidate is then judged by the rule itself.
/// <para>
/// Exact for the word-share half of the rule. The spelling half (edit similarity ≥ 0.85) is judged on the
/// same candidates, so a copy whose typos change every one of its rarest words is missed: an exact edit
/// distance join over 100,000 names would cost billions of comparisons. Within a call, where the rule
/// compares one enterprise's few proposals, both halves are exact.
/// </para>
/// </summary>
public static class SimilarTaskNames
{
    /// <summary>Index pairs (lower first) of <paramref name="keys"/> (folded, see <see cref="DuplicateRules.TaskNameKey"/>) that are similar and not equal.</summary>
    public static IReadOnlyList<(int First, int Second)> Pairs(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var words = new string[keys.Count][];
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            words[i] = keys[i].Length == 0 ? [] : [.. keys[i].Split(' ').Distinct(StringComparer.Ordinal)];
            foreach (var word in words[i])
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
            }
        }

        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var pairs = new List<(int, int)>();
        var seenBy = new int[keys.Count];
        Array.Fill(seenBy, -1);
        for (var i = 0; i < keys.Count; i++)
        {
            var rarestFirst = words[i].OrderBy(w => frequency[w]).ThenBy(w => w, StringComparer.Ordinal).ToArray();
            foreach (var word in rarestFirst.Take(PrefixLength(rarestFirst.Length)))
            {
                if (!index.TryGetValue(word, out var holders))
                {
                    index[word] = holders = [];
                }

                foreach (var j in holders)
                {
                    if (seenBy[j] != i)
                    {
                        seenBy[j] = i;
                        if (keys[j] != keys[i] && DuplicateRules.AreSimilar(keys[j], keys[i]))
                        {
                            pairs.Add((j, i));
                        }
                    }
                }

                holders.Add(i);
            }
        }

        return pairs;
    }

    /// <summary>How many of a name's rarest words another name with the rule's word share must hold one of.</summary>
    public static int PrefixLength(int wordCount) =>
        wordCount == 0 ? 0 : wordCount - (int)Math.Ceiling((DuplicateRules.SimilarWordShare * wordCount) - 1e-9) + 1;
}
