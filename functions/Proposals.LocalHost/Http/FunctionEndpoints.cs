using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Proposals.Functions.Http;

namespace Proposals.LocalHost.Http;

/// <summary>
/// Maps the Functions app's HTTP routes (prefix <c>/api</c>, as the Functions host does) onto the very
/// same function classes, and executes the <see cref="IActionResult"/> they return.
/// </summary>
public static class FunctionEndpoints
{
    public static IEndpointRouteBuilder MapFunctionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/calls/{callId}/submissions", (HttpContext context, string callId, SubmitProposal function) =>
            Execute(context, function.Run(context.Request, callId, context.RequestAborted)))
            .DisableAntiforgery();
        api.MapGet("/calls/{callId}", (HttpContext context, string callId, GetCall function) =>
            Execute(context, Task.FromResult(function.Run(context.Request, callId))));
        api.MapGet("/calls/{callId}/form-template.docx", (HttpContext context, string callId, DownloadFormTemplate function) =>
            Execute(context, Task.FromResult(function.Run(context.Request, callId))));
        api.MapGet("/submissions/{submissionId}", (HttpContext context, string submissionId, GetSubmissionStatus function) =>
            Execute(context, function.Run(context.Request, submissionId, context.RequestAborted)));
        api.MapGet("/staff/calls/{callId}/submissions", (HttpContext context, string callId, ListSubmissions function) =>
            Execute(context, function.Run(context.Request, callId, context.RequestAborted)));
        api.MapGet("/staff/calls/{callId}/stuck", (HttpContext context, string callId, ListStuckSubmissions function) =>
            Execute(context, function.Run(context.Request, callId, context.RequestAborted)));
        api.MapPost("/staff/calls/{callId}/submissions/{submissionId}/replay", (HttpContext context, string callId, string submissionId, ReplaySubmission function) =>
            Execute(context, function.Run(context.Request, callId, submissionId, context.RequestAborted)))
            .DisableAntiforgery();
        api.MapGet("/staff/calls", (HttpContext context, ListStaffCalls function) =>
            Execute(context, function.Run(context.Request, context.RequestAborted)));
        api.MapGet("/staff/calls/{callId}/overview", (HttpContext context, string callId, GetCallOverview function) =>
            Execute(context, function.Run(context.Request, callId, context.RequestAborted)));
        api.MapGet("/staff/calls/{callId}/submissions/{submissionId}", (HttpContext context, string callId, string submissionId, GetSubmissionDetails function) =>
            Execute(context, function.Run(context.Request, callId, submissionId, context.RequestAborted)));
        api.MapGet("/staff/calls/{callId}/submissions/{submissionId}/documents/{document}", (HttpContext context, string callId, string submissionId, string document, GetSubmissionDocument function) =>
            Execute(context, function.Run(context.Request, callId, submissionId, document, context.RequestAborted)));
        api.MapGet("/staff/calls/{callId}/report", (HttpContext context, string callId, GetReport function) =>
            Execute(context, function.Run(context.Request, callId, context.RequestAborted)));
        api.MapPost("/staff/calls/{callId}/report/revisions", (HttpContext context, string callId, RequestReportRevision function) =>
            Execute(context, function.Run(context.Request, callId, context.RequestAborted)))
            .DisableAntiforgery();
        return app;
    }

    private static async Task Execute(HttpContext context, Task<IActionResult> invocation)
    {
        var result = await invocation;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
