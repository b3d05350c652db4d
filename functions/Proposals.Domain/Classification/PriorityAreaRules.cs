using Proposals.Domain.Calls;
using Proposals.Domain.Text;

namespace Proposals.Domain.Classification;

/// <summary>One keyword of an area found in the text, and how often.</summary>
public sealed record KeywordHit(string Keyword, int Count, int Weight);

/// <summary>An area's score: the sum over its keywords of occurrences × weight.</summary>
public sealed record AreaScore(int Area, int Score, IReadOnlyList<KeywordHit> Hits);

/// <summary>
/// The area the text points to (null when no area reaches the call's minimum score, or two areas tie
/// at the top), with every score as evidence and the rules' version.
/// </summary>
public sealed record PrioritySuggestion(int? Area, IReadOnlyList<AreaScore> Scores, string RulesVersion)
{
    /// <summary>For staff, best area first: <c>2 (7 điểm): «ISO 9001» ×1, «tiêu chuẩn» ×2</c>.</summary>
    public string Evidence => Scores.Count == 0
        ? "Không thấy từ khóa nào của các nội dung ưu tiên"
        : string.Join("; ", Scores.Select(s =>
            $"{s.Area} ({s.Score} điểm): " + string.Join(", ", s.Hits.Select(h => $"«{h.Keyword}» ×{h.Count}"))));
}

/// <summary>
/// Suggests the priority area a proposal's text points to, by whole-word keyword matching with
/// diacritics folded, so "Đào tạo", "đào tạo" and "dao tao" (and NFD input) all match. A keyword
/// weighs as many points as it has words: "hệ thống quản lý" says more than "quản lý". The rules are
/// data in the call's file (<see cref="PriorityArea.Keywords"/>, versioned by
/// <see cref="CallDefinition.PriorityRulesVersion"/>). The suggestion is advice for staff: the
/// declared area is never changed, a difference is only flagged.
/// </summary>
public static class PriorityAreaRules
{
    public static PrioritySuggestion Suggest(CallDefinition call, IEnumerable<string?> texts)
    {
        var haystack = " " + VietnameseText.FoldedWords(string.Join(" ", texts)) + " ";
        var scores = new List<AreaScore>();
        foreach (var area in call.PriorityAreas)
        {
            var hits = new List<KeywordHit>();
            foreach (var keyword in area.Keywords)
            {
                var needle = VietnameseText.FoldedWords(keyword);
                if (needle.Length == 0)
                {
                    continue;
                }

                var count = CountWholeWord(haystack, needle);
                if (count > 0)
                {
                    hits.Add(new KeywordHit(keyword, count, needle.Count(c => c == ' ') + 1));
                }
            }

            var score = hits.Sum(h => h.Count * h.Weight);
            if (score > 0)
            {
                scores.Add(new AreaScore(area.Number, score, hits.OrderByDescending(h => h.Count * h.Weight).ToList()));
            }
        }

        scores = scores.OrderByDescending(s => s.Score).ThenBy(s => s.Area).ToList();
        int? suggested = scores.Count > 0
            && scores[0].Score >= call.PriorityMinimumScore
            && (scores.Count == 1 || scores[0].Score > scores[1].Score)
                ? scores[0].Area
                : null;
        return new PrioritySuggestion(suggested, scores, call.PriorityRulesVersion);
    }

    private static int CountWholeWord(string haystack, string needle)
    {
        var padded = " " + needle + " ";
        var count = 0;
        for (var at = haystack.IndexOf(padded, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(padded, at + padded.Length - 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
