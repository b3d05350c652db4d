using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Proposals.Functions.Http;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The Functions app's side of the security headers. No Functions host runs here (TOOLCHAIN.md), so the
/// worker middleware is run the way the worker runs it: with the invocation's <see cref="FunctionContext"/>,
/// whose items carry the request's <see cref="HttpContext"/> under the ASP.NET Core integration's key.
/// </summary>
public sealed class SecurityHeadersMiddlewareTests
{
    [Fact]
    public async Task Puts_the_headers_on_an_HTTP_invocation_before_the_function_writes_its_answer()
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";
        var context = new Invocation(http);
        var ran = false;

        await new SecurityHeadersMiddleware().Invoke(context, _ =>
        {
            ran = true;
            http.Response.Headers.ContentSecurityPolicy.ToString().ShouldBe(SecurityHeaders.ContentSecurityPolicy);
            return Task.CompletedTask;
        });

        ran.ShouldBeTrue();
        http.Response.Headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        http.Response.Headers["Referrer-Policy"].ToString().ShouldBe("no-referrer");
        http.Response.Headers["Permissions-Policy"].ToString().ShouldBe(SecurityHeaders.PermissionsPolicy);
        http.Response.Headers.StrictTransportSecurity.ToString().ShouldBe("max-age=31536000");
    }

    [Fact]
    public async Task Leaves_queue_blob_and_timer_invocations_alone()
    {
        var ran = false;
        await new SecurityHeadersMiddleware().Invoke(new Invocation(null), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        ran.ShouldBeTrue();
    }

    /// <summary>An invocation as the worker hands it to middleware; only the items matter here.</summary>
    private sealed class Invocation : FunctionContext
    {
        public Invocation(HttpContext? http)
        {
            if (http is not null)
            {
                Items["HttpRequestContext"] = http; // Worker.Extensions.Http.AspNetCore Constants.HttpContextKey
            }
        }

        public override string InvocationId => "test";
        public override string FunctionId => "test";
        public override TraceContext TraceContext => throw new NotSupportedException();
        public override BindingContext BindingContext => throw new NotSupportedException();
        public override RetryContext RetryContext => throw new NotSupportedException();
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
        public override IDictionary<object, object> Items { get; set; } = new ConcurrentDictionary<object, object>();
        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
