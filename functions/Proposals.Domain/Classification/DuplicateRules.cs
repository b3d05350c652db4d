using Proposals.Domain.Text;

namespace Proposals.Domain.Classification;

/// <summary>
/// When two proposals in one call may be the same task: the same tax code and the same or a similar task
/// name (folded: case, diacritics, NFC/NFD, punctuation and spacing ignored). That is only ever pointed out
/// to staff, who decide; it never displaces anything, because tax codes are public and task names are
/// announced, so anyone could send one. Only a revised version sent with the earlier one's tracking token
/// replaces it (the submission's <c>Replaces</c>).
/// </summary>
public static class DuplicateRules
{
    /// <summary>Share of common words (Jaccard) from which two names are similar.</summary>
    public const double SimilarWordShare = 0.6;

    /// <summary>Edit-distance similarity of the folded names from which two names are similar.</summary>
    public const double SimilarSpelling = 0.85;

    /// <summary>The task name as compared: folded words, single-spaced.</summary>
    public static string TaskNameKey(string? taskName) => VietnameseText.FoldedWords(taskName);

    /// <summary>The same enterprise with the same or a similar task name.</summary>
    public static bool IsPossibleDuplicate(string taxCodeA, string taskNameKeyA, string taxCodeB, string taskNameKeyB) =>
        taxCodeA == taxCodeB && taskNameKeyA.Length > 0
        && (taskNameKeyA == taskNameKeyB || AreSimilar(taskNameKeyA, taskNameKeyB));

    public static bool AreSimilar(string keyA, string keyB)
    {
        if (keyA.Length == 0 || keyB.Length == 0)
        {
            return false;
        }

        var wordsA = keyA.Split(' ').ToHashSet(StringComparer.Ordinal);
        var wordsB = keyB.Split(' ').ToHashSet(StringComparer.Ordinal);
        var common = wordsA.Count(wordsB.Contains);
        var wordShare = (double)common / (wordsA.Count + wordsB.Count - common);
        return wordShare >= SimilarWordShare || SpellingSimilarity(keyA, keyB) >= SimilarSpelling;
    }

    /// <summary>1 − Levenshtein distance / longer length (task names are at most a few hundred characters).</summary>
    public static double SpellingSimilarity(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return 1 - ((double)previous[b.Length] / Math.Max(a.Length, b.Length));
    }
}
