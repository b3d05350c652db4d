using System.Text.Json;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Classify;

/// <summary>The <c>classify</c> queue's message. The queue client encodes it as base64, as the triggers expect.</summary>
public sealed record ClassifyMessage(string CallId, string SubmissionId)
{
    public static string Serialize(ClassifyMessage message) => JsonSerializer.Serialize(message, JsonDefaults.Options);

    public static ClassifyMessage Parse(string json) =>
        JsonSerializer.Deserialize<ClassifyMessage>(json, JsonDefaults.Options) is { CallId.Length: > 0, SubmissionId.Length: > 0 } message
            ? message
            : throw new FormatException("A classify message needs callId and submissionId.");
}
