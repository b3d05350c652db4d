using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Proposals.Functions.Http;

/// <summary>One HTTP function: its route (with host.json's route prefix), methods and the method to call.</summary>
public sealed record HttpFunctionRoute(string Name, string Template, IReadOnlyList<string> Methods, MethodInfo Method)
{
    /// <summary>Staff routes: every one of them goes through <see cref="StaffGate"/> (tested route by route).</summary>
    public bool IsStaffOnly => Template.StartsWith(HttpFunctionRoutes.StaffPrefix, StringComparison.Ordinal);
}

/// <summary>
/// The one description of the HTTP routes: the <c>[Function]</c> and <c>[HttpTrigger]</c> attributes of
/// this app, with <c>host.json</c>'s route prefix. The Functions host reads the same attributes (through
/// <c>functions.metadata</c>); the local host maps these routes onto the very same classes, so the two
/// hosts cannot answer different routes.
/// </summary>
public static class HttpFunctionRoutes
{
    public const string StaffPrefix = "api/staff/";

    /// <summary>Every HTTP function of the app, in a stable order.</summary>
    public static IReadOnlyList<HttpFunctionRoute> Discover(string routePrefix) =>
        typeof(HttpFunctionRoutes).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(method => (Method: method, Function: method.GetCustomAttribute<FunctionAttribute>(),
                Trigger: method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => new HttpFunctionRoute(
                f.Function!.Name,
                Join(routePrefix, f.Trigger!.Route ?? f.Function.Name),
                (f.Trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToList(),
                f.Method))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The route prefix the Functions host and its worker read from <c>host.json</c> (<c>extensions.http.routePrefix</c>,
    /// "api" when absent). Ours is empty: the routes carry <c>api/</c> themselves, so that the web pages can
    /// be served from the same origin at <c>/</c>.
    /// </summary>
    public static string RoutePrefixOf(string hostJsonPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return json.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString() ?? string.Empty
            : "api";
    }

    /// <summary>
    /// The arguments of one call of <paramref name="route"/>, bound as the Functions host binds them: the
    /// request, route values by parameter name, the abort token. A function asking for anything else
    /// fails the local host at start-up (<see cref="EnsureBindable"/>), not at its first request.
    /// </summary>
    public static object?[] ArgumentsFor(HttpFunctionRoute route, HttpContext context) =>
        route.Method.GetParameters().Select(parameter => parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            _ => (object?)(context.Request.RouteValues.TryGetValue(parameter.Name!, out var value) ? value?.ToString() : null),
        }).ToArray();

    public static void EnsureBindable(HttpFunctionRoute route)
    {
        foreach (var parameter in route.Method.GetParameters())
        {
            if (parameter.ParameterType != typeof(HttpRequest) && parameter.ParameterType != typeof(CancellationToken)
                && parameter.ParameterType != typeof(string))
            {
                throw new InvalidOperationException(
                    $"{route.Name}: parameter {parameter.Name} of type {parameter.ParameterType.Name} cannot be bound outside the Functions host.");
            }
        }

        if (route.Method.ReturnType != typeof(IActionResult) && route.Method.ReturnType != typeof(Task<IActionResult>))
        {
            throw new InvalidOperationException($"{route.Name} must return IActionResult or Task<IActionResult>.");
        }
    }

    private static string Join(string prefix, string route) =>
        string.IsNullOrEmpty(prefix) ? route.TrimStart('/') : prefix.TrimEnd('/') + "/" + route.TrimStart('/');
}
