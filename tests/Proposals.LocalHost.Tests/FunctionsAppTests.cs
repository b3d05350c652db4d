using System.Text.Json;

namespace Proposals.LocalHost.Tests;

/// <summary>The Azure Functions build declares every function the local host runs.</summary>
public sealed class FunctionsAppTests
{
    [Fact]
    public void Functions_metadata_lists_every_function()
    {
        var root = RepositoryRoot.Find();
        var metadata = Directory.GetFiles(Path.Combine(root, "functions", "Proposals.Functions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        var functions = JsonDocument.Parse(File.ReadAllText(metadata)).RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("bindings")[0].GetProperty("type").GetString()!);

        functions.ShouldBe(new Dictionary<string, string>
        {
            ["SubmitProposal"] = "httpTrigger",
            ["GetCall"] = "httpTrigger",
            ["DownloadFormTemplate"] = "httpTrigger",
            ["GetSubmissionStatus"] = "httpTrigger",
            ["ListSubmissions"] = "httpTrigger",
            ["GetReport"] = "httpTrigger",
            ["RequestReportRevision"] = "httpTrigger",
            ["ListStuckSubmissions"] = "httpTrigger",
            ["ReleaseUnscannedSubmission"] = "httpTrigger",
            ["ReplaySubmission"] = "httpTrigger",
            ["ListStaffCalls"] = "httpTrigger",
            ["ListProgrammes"] = "httpTrigger",
            ["GetProgramme"] = "httpTrigger",
            ["GetNationalWorkbook"] = "httpTrigger",
            ["GetCallOverview"] = "httpTrigger",
            ["GetSubmissionDetails"] = "httpTrigger",
            ["GetSubmissionDocument"] = "httpTrigger",
            ["GetSignedRevision"] = "httpTrigger",
            ["GetSubmittedAnswers"] = "httpTrigger",
            ["SetSubmissionExclusion"] = "httpTrigger",
            ["ReceiveInboundEmail"] = "httpTrigger",
            ["AcceptEmailedSubmission"] = "httpTrigger",
            ["SetAsideEmailedSubmission"] = "httpTrigger",
            ["ListUnmatchedEmails"] = "httpTrigger",
            ["GetUnmatchedEmailFile"] = "httpTrigger",
            ["EnterPaperProposal"] = "httpTrigger",
            ["GetStaffIdentity"] = "httpTrigger",
            ["ServeWebFile"] = "httpTrigger",
            ["ExamineSubmission"] = "blobTrigger",
            ["ClassifySubmission"] = "queueTrigger",
            ["CloseoutCalls"] = "timerTrigger",
            ["PurgeExpiredCalls"] = "timerTrigger",
            ["GetPrivacyNotice"] = "httpTrigger",
            ["GetCallRetention"] = "httpTrigger",
            ["ConfirmReportArchived"] = "httpTrigger",
            ["ExportPersonalData"] = "httpTrigger",
            ["CorrectSubmissionContact"] = "httpTrigger",
            ["EraseSubmissionPersonalData"] = "httpTrigger",
        }, ignoreOrder: true);
    }
}
