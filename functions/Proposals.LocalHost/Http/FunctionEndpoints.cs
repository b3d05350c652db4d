using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Proposals.Functions.Http;

namespace Proposals.LocalHost.Http;

/// <summary>
/// Maps every HTTP function of the Functions app onto ASP.NET Core endpoints with the route and methods
/// its attributes declare (<see cref="HttpFunctionRoutes"/>, with host.json's route prefix), calls the
/// very same function class, and executes the <see cref="IActionResult"/> it returns. Nothing here names
/// a route: a function added to the app is served here too.
/// </summary>
public static class FunctionEndpoints
{
    public static IEndpointRouteBuilder MapFunctionEndpoints(this IEndpointRouteBuilder app, string hostJsonPath)
    {
        foreach (var route in HttpFunctionRoutes.Discover(HttpFunctionRoutes.RoutePrefixOf(hostJsonPath)))
        {
            HttpFunctionRoutes.EnsureBindable(route);
            app.MapMethods("/" + route.Template, route.Methods, context => InvokeAsync(context, route))
                .WithDisplayName(route.Name)
                .DisableAntiforgery();
        }

        return app;
    }

    private static async Task InvokeAsync(HttpContext context, HttpFunctionRoute route)
    {
        // Transient, resolved per request as the worker activates a function class per invocation.
        var function = context.RequestServices.GetRequiredService(route.Method.DeclaringType!);
        var returned = route.Method.Invoke(function, BindingFlags.DoNotWrapExceptions, binder: null,
            HttpFunctionRoutes.ArgumentsFor(route, context), culture: null);
        var result = returned as IActionResult ?? await (Task<IActionResult>)returned!;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
