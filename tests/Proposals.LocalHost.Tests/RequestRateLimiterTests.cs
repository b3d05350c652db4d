using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Proposals.Functions.Http;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Whose budget a request spends: the address the host saw (in Azure, what the worker's forwarded-headers
/// middleware set from the host's own X-Forwarded-For), never a header the client wrote; IPv6 by its /64.
/// </summary>
public sealed class RequestRateLimiterTests(ITestOutputHelper output)
{
    private static RequestRateLimiter Limiter(int intakePerMinute = 3) =>
        new(Options.Create(new RateLimitOptions { IntakePerMinute = intakePerMinute }));

    private static HttpRequest Request(string remote, string? forwardedFor = null)
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
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2::7", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::7", "2001:db8:1:3::/64")]
    public void A_client_is_its_address_and_an_IPv6_client_its_64_bit_prefix(string remote, string expected) =>
        RequestRateLimiter.ClientKey(Request(remote)).ShouldBe(expected);

    [Fact]
    public void A_forwarded_for_header_the_client_wrote_is_not_who_it_is() =>
        RequestRateLimiter.ClientKey(Request("203.0.113.7", forwardedFor: "1.2.3.4, 5.6.7.8")).ShouldBe("203.0.113.7");

    [Fact]
    public void A_client_rotating_forged_headers_and_IPv6_addresses_stays_within_its_one_limit()
    {
        using var limiter = Limiter(intakePerMinute: 3);

        var answers = Enumerable.Range(1, 10)
            .Select(i => limiter.Check(Request($"2001:db8:5:6::{i:x}", forwardedFor: $"198.51.100.{i}"), RateLimitedRoute.Intake))
            .ToList();
        var allowed = answers.Count(a => a is null);
        output.WriteLine($"10 requests from ten addresses of 2001:db8:5:6::/64, each with another X-Forwarded-For: {allowed} allowed, {answers.Count - allowed} refused");

        allowed.ShouldBe(3);
        answers.Skip(3).ShouldAllBe(a => a is ObjectResult && ((ObjectResult)a).StatusCode == StatusCodes.Status429TooManyRequests);
        limiter.Check(Request("2001:db8:5:7::1"), RateLimitedRoute.Intake).ShouldBeNull(); // the next /64 is another client
        limiter.Check(Request("192.0.2.50"), RateLimitedRoute.Intake).ShouldBeNull();
    }
}
