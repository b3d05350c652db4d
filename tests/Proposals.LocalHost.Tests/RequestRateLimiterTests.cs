using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Proposals.Functions.Http;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Which address a request counts against behind the Azure front end, which appends the client's real
/// address to any <c>X-Forwarded-For</c> the client sent.
/// </summary>
public sealed class RequestRateLimiterTests(ITestOutputHelper output)
{
    private static RequestRateLimiter Limiter(bool trustForwardedFor, int intakePerMinute = 3) =>
        new(Options.Create(new RateLimitOptions { IntakePerMinute = intakePerMinute, TrustForwardedFor = trustForwardedFor }));

    private static HttpRequest Request(string? forwardedFor, string remote = "10.0.0.4")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context.Request;
    }

    [Theory]
    [InlineData("203.0.113.7:50123", "203.0.113.7")]
    [InlineData("1.2.3.4, 203.0.113.7:50123", "203.0.113.7")]
    [InlineData("1.2.3.4,5.6.7.8 , 203.0.113.7", "203.0.113.7")]
    [InlineData("[2001:db8::7]:443", "2001:db8::7")]
    public void Trusted_forwarded_for_counts_the_rightmost_entry_the_front_end_appended(string header, string expected)
    {
        using var limiter = Limiter(trustForwardedFor: true);

        limiter.ClientAddress(Request(header)).ShouldBe(expected);
    }

    [Fact]
    public void Untrusted_forwarded_for_is_ignored_for_the_connection_address()
    {
        using var limiter = Limiter(trustForwardedFor: false);

        limiter.ClientAddress(Request("1.2.3.4, 203.0.113.7")).ShouldBe("10.0.0.4");
    }

    [Fact]
    public void A_client_rotating_a_forged_first_entry_stays_within_its_one_limit()
    {
        using var limiter = Limiter(trustForwardedFor: true, intakePerMinute: 3);

        var answers = Enumerable.Range(1, 10)
            .Select(i => limiter.Check(Request($"198.51.100.{i}, 203.0.113.7:{50000 + i}"), RateLimitedRoute.Intake))
            .ToList();
        var allowed = answers.Count(a => a is null);
        output.WriteLine($"10 requests from 203.0.113.7, each with a different forged first entry: {allowed} allowed, {answers.Count - allowed} refused");

        allowed.ShouldBe(3);
        answers.Skip(3).ShouldAllBe(a => a is ObjectResult && ((ObjectResult)a).StatusCode == StatusCodes.Status429TooManyRequests);
        limiter.Check(Request("198.51.100.1, 192.0.2.50"), RateLimitedRoute.Intake).ShouldBeNull(); // another real client has its own budget
    }
}
