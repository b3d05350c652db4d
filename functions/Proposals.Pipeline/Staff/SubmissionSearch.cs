using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// The staff list: one page of a call's submissions, filtered, searched and sorted. Azure Tables can
/// neither sort nor search text, so each request reads the call's partition with a projection of the
/// listed columns only (exact-match filters go to the server), folds and sorts in memory, and answers
/// the requested slice; the continuation token is the offset in that order. With the default order
/// (receipt number, the order of arrival) new submissions append, so paging while they arrive neither
/// repeats nor skips one. Measured: see the README ("Staff console").
/// </summary>
public sealed class SubmissionSearch(PipelineStorage storage)
{
    /// <summary>The columns a list row needs: the projection keeps a scan of tens of thousands of rows cheap.</summary>
    public static readonly IReadOnlyList<string> ListColumns =
    [
        "RowKey", nameof(SubmissionRecord.ReceiptNumber), nameof(SubmissionRecord.Status), nameof(SubmissionRecord.ReceivedAtUtc),
        nameof(SubmissionRecord.EnterpriseName), nameof(SubmissionRecord.TaxCode), nameof(SubmissionRecord.Province),
        nameof(SubmissionRecord.TaskName), nameof(SubmissionRecord.TaskType), nameof(SubmissionRecord.PriorityArea),
        nameof(SubmissionRecord.SuggestedPriorityArea), nameof(SubmissionRecord.EnterpriseSize), nameof(SubmissionRecord.RegionId),
        nameof(SubmissionRecord.RegionName), nameof(SubmissionRecord.Flags), nameof(SubmissionRecord.Version),
        nameof(SubmissionRecord.SupersededBy), nameof(SubmissionRecord.ClassifiedAtUtc), nameof(SubmissionRecord.ClassifyFailures),
    ];

    public async Task<SubmissionPage> SearchAsync(string callId, SubmissionFilter filter, CancellationToken cancellationToken)
    {
        var query = string.Join(' ', VietnameseText.Fold(VietnameseText.Normalize(filter.Query)).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var matches = new List<StaffSubmissionRow>();
        var rows = storage.SubmissionsTable.QueryAsync<SubmissionRecord>(
            ServerFilter(callId, filter), maxPerPage: 1000, select: ListColumns, cancellationToken: cancellationToken);
        await foreach (var record in rows)
        {
            if ((filter.Flag is null || record.FlagList.Contains(filter.Flag, StringComparer.Ordinal))
                && (query.Length == 0 || Folded(record).Contains(query, StringComparison.Ordinal)))
            {
                matches.Add(StaffSubmissionRow.From(record));
            }
        }

        var ordered = Order(matches, filter.Sort, filter.Descending);
        var items = ordered.Skip(filter.Offset).Take(filter.PageSize).ToList();
        var next = filter.Offset + items.Count;
        return new SubmissionPage(items, next < matches.Count ? filter.TokenFor(next) : null, matches.Count);
    }

    /// <summary>What a search matches: receipt, enterprise, tax code, task name and province, diacritics folded.</summary>
    private static string Folded(SubmissionRecord r) =>
        VietnameseText.Fold(string.Join('\n', r.ReceiptNumber, r.EnterpriseName, r.TaxCode, r.TaskName, r.Province));

    private static string ServerFilter(string callId, SubmissionFilter filter)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {callId}") };
        if (filter.Status is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"Status eq {filter.Status}"));
        }

        if (filter.PriorityArea is { } area)
        {
            parts.Add(TableClient.CreateQueryFilter($"PriorityArea eq {area}"));
        }

        if (filter.SuggestedArea is { } suggested)
        {
            parts.Add(TableClient.CreateQueryFilter($"SuggestedPriorityArea eq {suggested}"));
        }

        if (filter.Size is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"EnterpriseSize eq {filter.Size}"));
        }

        if (filter.Region is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"RegionId eq {filter.Region}"));
        }

        return string.Join(" and ", parts);
    }

    private static IEnumerable<StaffSubmissionRow> Order(List<StaffSubmissionRow> rows, string sort, bool descending)
    {
        Func<StaffSubmissionRow, string> key = sort switch
        {
            "receivedAt" => r => r.ReceivedAtUtc.UtcTicks.ToString("D20", CultureInfo.InvariantCulture),
            "enterpriseName" => r => VietnameseText.Fold(r.EnterpriseName),
            "taxCode" => r => r.TaxCode,
            "taskName" => r => VietnameseText.Fold(r.TaskName),
            "province" => r => VietnameseText.Fold(r.Province),
            "priorityArea" => r => r.PriorityArea.ToString("D3", CultureInfo.InvariantCulture),
            "suggestedArea" => r => (r.SuggestedPriorityArea ?? 999).ToString("D3", CultureInfo.InvariantCulture),
            "size" => r => SizeRank(r.EnterpriseSize),
            "region" => r => VietnameseText.Fold(r.RegionName ?? "~"),
            "status" => r => r.Status,
            _ => r => r.ReceiptNumber,
        };

        // The receipt number is unique: ties break the same way on every page.
        var ordered = descending
            ? rows.OrderByDescending(key, StringComparer.Ordinal).ThenByDescending(r => r.ReceiptNumber, StringComparer.Ordinal)
            : rows.OrderBy(key, StringComparer.Ordinal).ThenBy(r => r.ReceiptNumber, StringComparer.Ordinal);
        return ordered;
    }

    private static string SizeRank(string? size) => size switch
    {
        "micro" => "1",
        "small" => "2",
        "medium" => "3",
        "large" => "4",
        _ => "9",
    };
}

/// <summary>The query of <c>GET /api/staff/calls/{callId}/submissions</c>, checked.</summary>
public sealed record SubmissionFilter(
    string? Status, int? PriorityArea, int? SuggestedArea, string? Size, string? Region, string? Flag, string? Query,
    string Sort, bool Descending, int PageSize, int Offset)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static readonly IReadOnlyList<string> SortKeys =
        ["receiptNumber", "receivedAt", "enterpriseName", "taxCode", "taskName", "province", "priorityArea", "suggestedArea", "size", "region", "status"];

    private static readonly string[] Statuses =
        [SubmissionStatus.Received, SubmissionStatus.Validated, SubmissionStatus.Rejected, SubmissionStatus.Classified];

    private static readonly string[] Sizes = ["micro", "small", "medium", "large"];

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
            Pick("region"), Pick("flag", EligibilityFlags.All), Pick("q", maxLength: 200), Pick("sort", SortKeys) ?? "receiptNumber",
            string.Equals(Pick("order", ["asc", "desc"]), "desc", StringComparison.Ordinal),
            Number("pageSize", 1, MaxPageSize) ?? DefaultPageSize, 0);
        if (Pick("continuationToken", maxLength: 200) is { } token)
        {
            if (filter.OffsetFrom(token) is { } offset)
            {
                filter = filter with { Offset = offset };
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

    /// <summary>Opaque to clients: the offset and a fingerprint of the filters and order it belongs to.</summary>
    public string TokenFor(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + "." + Fingerprint()))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private int? OffsetFrom(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('.');
            return parts.Length == 2 && parts[1] == Fingerprint()
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Fingerprint() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        Status, PriorityArea, SuggestedArea, Size, Region, Flag, VietnameseText.Fold(Query), Sort, Descending, PageSize))))[..12];
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
    bool Poisoned)
{
    public static StaffSubmissionRow From(SubmissionRecord r) => new(
        r.SubmissionId, r.ReceiptNumber, r.Status, r.ReceivedAtUtc, VietnamTime.FormatVi(r.ReceivedAtUtc), r.EnterpriseName,
        r.TaxCode, r.Province, r.TaskName, r.TaskType, r.PriorityArea, r.SuggestedPriorityArea, r.EnterpriseSize, r.RegionId,
        r.RegionName, r.FlagList, r.Version, r.SupersededBy, r.IsPoisoned);
}
