using System.Text;

namespace Proposals.Testing;

/// <summary>Staff requests as the console (and a script with the staff key) sends them.</summary>
public static class StaffRequests
{
    /// <summary>
    /// The staff key, and what every state-changing staff request needs (the CSRF check in StaffGate):
    /// <c>X-Requested-With</c>, and a body declared JSON (an empty one when there is none).
    /// </summary>
    public static HttpRequestMessage WithStaffKey(this HttpRequestMessage request)
    {
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        return request.FromConsole();
    }

    /// <summary>What the console adds to each request, whatever the credentials.</summary>
    public static HttpRequestMessage FromConsole(this HttpRequestMessage request)
    {
        request.Headers.Add("X-Requested-With", "staff-console");
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            request.Content ??= new StringContent(string.Empty, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
