using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Proposals.Functions.Http;

/// <summary>
/// Storage that cannot be reached is the service's fault, not the user's, and is temporary: answer
/// 503 with Retry-After so the form (and any client) tries again, never a bare 500.
/// </summary>
public static class StorageFaults
{
    public static async Task<IActionResult> AnswerUnavailableOnFault(HttpRequest request, Func<Task<IActionResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (Exception e) when (IsStorageUnavailable(e) && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            request.HttpContext.Response.Headers.RetryAfter = "10";
            return Problems.Create(request, StatusCodes.Status503ServiceUnavailable, "storage-unavailable",
                "Hệ thống tạm thời gián đoạn", "Temporarily unavailable",
                "Không lưu được hồ sơ lúc này; vui lòng gửi lại sau ít phút. Hồ sơ chưa được ghi nhận.",
                "The submission could not be stored right now; please send it again in a few minutes. It was not recorded.");
        }
    }

    public static bool IsStorageUnavailable(Exception e) => e switch
    {
        RequestFailedException { Status: 0 or >= 500 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStorageUnavailable),
        HttpRequestException or SocketException => true,
        _ => e.InnerException is not null && IsStorageUnavailable(e.InnerException),
    };
}
