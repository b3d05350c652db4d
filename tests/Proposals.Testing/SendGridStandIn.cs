using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Proposals.Testing;

/// <summary>
/// A local HTTP listener in place of the SendGrid API: the real SendGrid client is pointed at it
/// (<c>Email:SendGridHost</c>). It records each <c>POST /v3/mail/send</c> and answers with the scripted
/// responses in order, then 202.
/// </summary>
public sealed class SendGridStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly Func<DateTimeOffset> _clock;
    private readonly Task _loop;

    public SendGridStandIn(Func<DateTimeOffset>? clock = null)
    {
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Then(int status, params (string Name, string Value)[] headers) => _script.Enqueue(new ScriptedResponse(status, headers, null));

    /// <summary>Hangs this long before answering, to provoke a client timeout.</summary>
    public void ThenHang(TimeSpan delay) => _script.Enqueue(new ScriptedResponse(202, [], delay));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                    context.Request.Headers["Authorization"], body, _clock()));
                var response = _script.TryDequeue(out var scripted) ? scripted : new ScriptedResponse(202, [], null);
                if (response.Delay is { } delay)
                {
                    await Task.Delay(delay);
                }

                context.Response.StatusCode = response.Status;
                foreach (var (name, value) in response.Headers)
                {
                    context.Response.Headers[name] = value;
                }

                var payload = response.Status >= 400 ? Encoding.UTF8.GetBytes("{\"errors\":[{\"message\":\"scripted\"}]}") : [];
                await context.Response.OutputStream.WriteAsync(payload);
                context.Response.Close();
            });
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // stopping
        }
    }

    public sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body, DateTimeOffset At);

    private sealed record ScriptedResponse(int Status, (string Name, string Value)[] Headers, TimeSpan? Delay);
}
