using System.Globalization;
using Azure.Data.Tables;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Staff;

/// <summary>The staff actions the audit trail records.</summary>
public static class AuditActions
{
    public const string Exclude = "exclude";
    public const string Include = "include";
    public const string Replay = "replay";
    public const string RequestReportRevision = "request-report-revision";
    public const string DownloadRejectedDocument = "download-rejected-document";
    public const string DownloadSignedRevision = "download-signed-revision";
    public const string DownloadOriginalDocument = "download-original-document";
    public const string AcceptEmail = "accept-email";
    public const string NotAProposal = "not-a-proposal";
    public const string EnterPaper = "enter-paper";
    public const string ConfirmArchived = "confirm-archived";
    public const string Purge = "purge";
    public const string ExportPersonalData = "export-personal-data";
    public const string CorrectContact = "correct-contact";
    public const string Erase = "erase-personal-data";
    public const string RefuseErasure = "refuse-erasure";
    public const string ReleaseUnscanned = "release-unscanned";
    public const string ReadNationalView = "read-national-view";
    public const string DownloadNationalWorkbook = "download-national-workbook";

    public static string Vietnamese(string action) => action switch
    {
        Exclude => "Loại khỏi tổng hợp",
        Include => "Đưa lại vào tổng hợp",
        Replay => "Xử lý lại hồ sơ",
        RequestReportRevision => "Yêu cầu lập lại báo cáo",
        DownloadRejectedDocument => "Tải tệp đã bị từ chối",
        DownloadSignedRevision => "Tải bản đã ký của bản quét",
        DownloadOriginalDocument => "Tải bản gốc (không phải bản an toàn)",
        AcceptEmail => "Hoàn thiện và chấp nhận hồ sơ nhận qua email",
        NotAProposal => "Xác định không phải đề xuất",
        EnterPaper => "Nhập hồ sơ nộp bản giấy",
        ConfirmArchived => "Xác nhận báo cáo đã được lưu trữ",
        Purge => "Xóa dữ liệu của đợt khi hết thời hạn lưu trữ",
        ExportPersonalData => "Trích xuất dữ liệu cá nhân theo yêu cầu",
        CorrectContact => "Chỉnh sửa thông tin liên hệ theo yêu cầu",
        Erase => "Xóa dữ liệu cá nhân của hồ sơ theo yêu cầu",
        RefuseErasure => "Từ chối xóa dữ liệu cá nhân (nêu căn cứ)",
        ReleaseUnscanned => "Xác nhận đã quét mã độc ở nơi khác",
        ReadNationalView => "Xem tổng hợp toàn quốc của chương trình",
        DownloadNationalWorkbook => "Tải bảng tổng hợp toàn quốc của chương trình",
        _ => action,
    };
}

/// <summary>
/// The append-only record of staff actions (who, when, what, why). It only ever inserts: no code
/// updates or deletes a row, so what is written stays as written. An action is recorded before it is
/// applied, so a failure between the two leaves a record of an attempt, never an action without one.
/// </summary>
public sealed class AuditTrail(PipelineStorage storage, TimeProvider time, CallCatalog calls)
{
    public async Task<AuditEntry> RecordAsync(
        string callId, string action, string actor, string? submissionId, string? receiptNumber, string? reason, string? note,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = new AuditEntry
        {
            PartitionKey = callId,
            RowKey = now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~" + Guid.NewGuid().ToString("N"),
            Action = action,
            Actor = actor,
            Agency = calls.Find(callId)?.Agency,
            AtUtc = now,
            SubmissionId = submissionId,
            ReceiptNumber = receiptNumber,
            Reason = reason,
            Note = note,
        };
        try
        {
            await storage.AuditTrailTable.AddEntityAsync(entry, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            // The key is new (a GUID): only this very insert can hold it. Its first attempt landed, the answer was
            // lost (a time-out) and the client's retry found the row: recorded once, as asked.
        }

        return entry;
    }

    /// <summary>
    /// A read across the calls of a programme (the national view, its workbook): one entry in each call's record,
    /// so that each agency's trail shows who read its proposals from outside it. The note names the programme.
    /// </summary>
    public async Task RecordProgrammeAsync(
        IEnumerable<string> callIds, string action, string actor, string programmeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callIds);
        await Task.WhenAll(callIds.Distinct(StringComparer.Ordinal)
            .Select(callId => RecordAsync(callId, action, actor, null, null, null, ProgrammeNote + programmeId, cancellationToken)));
    }

    /// <summary>How an entry of <see cref="RecordProgrammeAsync"/> names its programme: <c>programme nsclq-2028</c>.</summary>
    public const string ProgrammeNote = "programme ";

    /// <summary>The call's record, oldest first; with <paramref name="submissionId"/>, only that submission's.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string callId, string? submissionId, CancellationToken cancellationToken)
    {
        var filter = submissionId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {callId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {callId} and SubmissionId eq {submissionId}");
        var entries = new List<AuditEntry>();
        await foreach (var entry in storage.AuditTrailTable.QueryAsync<AuditEntry>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
