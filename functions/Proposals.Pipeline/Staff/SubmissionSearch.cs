using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// The staff list's query: one page of a call's submissions, filtered, searched (diacritics folded) and
/// sorted, from the list <see cref="StaffList"/> keeps in memory. A page walks the chosen order from the
/// position its token names until it has its rows, so its cost does not grow with the call; the total
/// is counted once per change of the list and filter.
/// </summary>
public sealed class SubmissionSearch(StaffList list)
{
    public Task<SubmissionPage> SearchAsync(string callId, SubmissionFilter filter, CancellationToken cancellationToken) =>
        list.QueryAsync(callId, calls =>
        {
            var query = string.Join(' ', VietnameseText.Fold(VietnameseText.Normalize(filter.Query)).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            bool Matches(ListedSubmission row) => filter.Accepts(row.Record) && (query.Length == 0 || row.FoldedText.Contains(query, StringComparison.Ordinal));

            var page = calls.InOrder(filter.Sort, filter.Descending, filter.After).Where(e => Matches(e.Row!)).Take(filter.PageSize + 1).ToList();
            var items = page.Take(filter.PageSize).ToList();
            var total = calls.Cached("total:" + filter.Fingerprint(), () => calls.Rows.Count(Matches));
            return new SubmissionPage(
                items.Select(e => StaffSubmissionRow.From(e.Row!.Record)).ToList(),
                page.Count > filter.PageSize ? filter.TokenAfter(items[^1]) : null,
                total);
        }, cancellationToken);
}

/// <summary>The query of <c>GET /api/staff/calls/{callId}/submissions</c>, checked.</summary>
public sealed record SubmissionFilter(
    string? Status, int? PriorityArea, int? SuggestedArea, string? Size, string? Region, string? Flag, string? Signature, string? Query,
    string Sort, bool Descending, int PageSize, OrderEntry? After)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    private const int MaxTokenLength = 600;

    public static IReadOnlyList<string> SortKeys => StaffSorts.All;

    private static IReadOnlyList<string> Statuses => SubmissionStatus.All;

    private static readonly string[] Sizes = ["micro", "small", "medium", "large"];

    /// <summary>The exact-match filters; the folded search is applied by the query.</summary>
    public bool Accepts(SubmissionRecord r) =>
        (Status is null || r.Status == Status)
        && (PriorityArea is null || r.PriorityArea == PriorityArea)
        && (SuggestedArea is null || r.SuggestedPriorityArea == SuggestedArea)
        && (Size is null || r.EnterpriseSize == Size)
        && (Region is null || r.RegionId == Region)
        && (Flag is null || r.FlagList.Contains(Flag, StringComparer.Ordinal))
        && (Signature is null || r.SignatureState == Signature);

    /// <summary>Reads the query string; the errors name each parameter that is wrong, in Vietnamese and English.</summary>
    public static SubmissionFilter Parse(Func<string, string?> query, out IReadOnlyList<FieldError> errors)
    {
        var found = new List<FieldError>();
        string? Pick(string name, IReadOnlyCollection<string>? allowed = null, int maxLength = 64)
        {
            var value = query(name)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (value.Length > maxLength || (allowed is not null && !allowed.Contains(value)))
            {
                found.Add(new FieldError(name, $"Giá trị \"{name}\" không hợp lệ.", $"The value of \"{name}\" is not valid."));
                return null;
            }

            return value;
        }

        int? Number(string name, int min, int max) =>
            Pick(name) is { } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n
                    : Invalid(name)
                : null;

        int? Invalid(string name)
        {
            found.Add(new FieldError(name, $"\"{name}\" phải là một số hợp lệ.", $"\"{name}\" must be a valid number."));
            return null;
        }

        var filter = new SubmissionFilter(
            Pick("status", Statuses), Number("priorityArea", 1, 99), Number("suggestedArea", 1, 99), Pick("size", Sizes),
            Pick("region"), Pick("flag", EligibilityFlags.All), Pick("signature", SignatureStates.All), Pick("q", maxLength: 200), Pick("sort", StaffSorts.All) ?? StaffSorts.Default,
            string.Equals(Pick("order", ["asc", "desc"]), "desc", StringComparison.Ordinal),
            Number("pageSize", 1, MaxPageSize) ?? DefaultPageSize, null);
        if (Pick("continuationToken", maxLength: MaxTokenLength) is { } token)
        {
            if (filter.PositionFrom(token) is { } after)
            {
                filter = filter with { After = after };
            }
            else
            {
                found.Add(new FieldError("continuationToken",
                    "Mã trang tiếp theo không hợp lệ hoặc thuộc một bộ lọc khác; hãy tải lại danh sách.",
                    "The continuation token is not valid or belongs to other filters; load the list again."));
            }
        }

        errors = found;
        return filter;
    }

    /// <summary>
    /// Opaque to clients: the last row's place in the order (its sort key and receipt number) and a
    /// fingerprint of the filters and order it belongs to. A position, not an offset: rows that arrive
    /// meanwhile neither repeat nor push others off the next page, and any instance can serve it.
    /// </summary>
    public string TokenAfter(OrderEntry last) => Base64Url(Encoding.UTF8.GetBytes(
        string.Join('.', Fingerprint(), Base64Url(last.Key), Base64Url(Encoding.UTF8.GetBytes(last.ReceiptNumber)))));

    private OrderEntry? PositionFrom(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(FromBase64Url(token)).Split('.');
            return parts.Length == 3 && parts[0] == Fingerprint()
                ? new OrderEntry(FromBase64Url(parts[1]), Encoding.UTF8.GetString(FromBase64Url(parts[2])), null)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The filters and order, not the page: what a token and a cached total belong to.</summary>
    public string Fingerprint() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        Status, PriorityArea, SuggestedArea, Size, Region, Flag, Signature, VietnameseText.Fold(Query), Sort, Descending))))[..12];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}

public sealed record SubmissionPage(IReadOnlyList<StaffSubmissionRow> Items, string? ContinuationToken, int Total);

/// <summary>One line of the staff table.</summary>
public sealed record StaffSubmissionRow(
    string SubmissionId,
    string ReceiptNumber,
    string Status,
    DateTimeOffset ReceivedAtUtc,
    string ReceivedAtVietnam,
    string EnterpriseName,
    string TaxCode,
    string Province,
    string TaskName,
    string TaskType,
    int PriorityArea,
    int? SuggestedPriorityArea,
    string? EnterpriseSize,
    string? RegionId,
    string? RegionName,
    IReadOnlyList<string> Flags,
    int Version,
    string? SupersededBy,
    bool Poisoned,
    string? ExcludedReason,
    bool Counted,
    string Source,
    string? SignatureState)
{
    public static StaffSubmissionRow From(SubmissionRecord r) => new(
        r.SubmissionId, r.ReceiptNumber, r.Status, r.ReceivedAtUtc, VietnamTime.FormatVi(r.ReceivedAtUtc), r.EnterpriseName,
        r.TaxCode, r.Province, r.TaskName, r.TaskType, r.PriorityArea, r.SuggestedPriorityArea, r.EnterpriseSize, r.RegionId,
        r.RegionName, r.FlagList, r.Version, r.SupersededBy, r.IsPoisoned, r.ExcludedReason, r.IsCounted, r.Source ?? SubmissionSources.Web, r.SignatureState);
}
