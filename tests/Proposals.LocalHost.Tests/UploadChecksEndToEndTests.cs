using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// RELIABILITY.md's upload checks 1–5 over HTTP against the running local host: each refused request
/// gets its ProblemDetails and leaves no blob and no record behind.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class UploadChecksEndToEndTests : IAsyncLifetime
{
    private const long MaxRequestBytes = 21L * 1024 * 1024;
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public UploadChecksEndToEndTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() =>
        _host = await RunningLocalHost.StartAsync(_azurite, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)));

    public async Task DisposeAsync()
    {
        await ShouldHaveStoredNothingAsync();
        await _host.DisposeAsync();
    }

    public static TheoryData<string, string> WrongDocuments => new()
    {
        { "pdf-holding-MZ", "/problems/unsupported-document" },
        { "docx-not-a-zip", "/problems/unsupported-document" },
        { "docm", "/problems/unsupported-document" },
        { "docx-named-exe", "/problems/unsupported-document" },
        { "pdf-named-pdf-exe", "/problems/unsupported-document" },
    };

    [Theory]
    [MemberData(nameof(WrongDocuments))]
    public async Task Documents_of_the_wrong_type_are_refused_by_their_bytes_and_names(string kind, string type)
    {
        var content = kind switch
        {
            "pdf-holding-MZ" => SampleProposal.Multipart(pdf: SampleDocuments.Executable()),
            "docx-not-a-zip" => SampleProposal.Multipart(docx: Encoding.UTF8.GetBytes("<html>not a document</html>")),
            "docm" => SampleProposal.Multipart(docxName: "phieu.docm"),
            "docx-named-exe" => SampleProposal.Multipart(docxName: "phieu.docx.exe"),
            _ => SampleProposal.Multipart(pdfName: "x.pdf.exe"),
        };
        using var response = await _host.Client.PostAsync(Route, content);
        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, type);
    }

    [Theory]
    [InlineData(MaxRequestBytes + 1)]
    [InlineData(31L * 1024 * 1024)]
    [InlineData(101L * 1024 * 1024)]
    public async Task Bodies_over_the_limit_get_413(long declaredLength)
    {
        var (status, body) = await PostDeclaredLengthAsync(declaredLength);
        status.ShouldBe(413);
        JsonDocument.Parse(body).RootElement.GetProperty("type").GetString().ShouldBe("/problems/too-large");
    }

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_limit_gets_413()
    {
        var (status, body) = await PostChunkedAsync(MaxRequestBytes + (2 * 1024 * 1024));
        status.ShouldBe(413);
        JsonDocument.Parse(body).RootElement.GetProperty("type").GetString().ShouldBe("/problems/too-large");
    }

    [Fact]
    public async Task A_field_over_its_limit_is_a_field_error()
    {
        var fields = SampleProposal.Fields(f => f["objectives"] = new string('x', 4001));
        using var response = await _host.Client.PostAsync(Route, SampleProposal.Multipart(fields));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("objectives");
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_field_is_a_field_error()
    {
        var content = SampleProposal.Multipart();
        var broken = new ByteArrayContent([0x43, 0xF4, 0x6E, 0x67, 0xC3, 0x28]); // "Công" in Latin-1 plus a broken sequence
        broken.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = "\"legalRepresentative\"" };
        var withBroken = new MultipartFormDataContent();
        foreach (var part in content.Where(p => p.Headers.ContentDisposition?.Name?.Trim('"') != "legalRepresentative"))
        {
            withBroken.Add(part);
        }

        withBroken.Add(broken);
        using var response = await _host.Client.PostAsync(Route, withBroken);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("legalRepresentative");
    }

    [Fact]
    public async Task A_field_sent_twice_is_refused()
    {
        var content = SampleProposal.Multipart();
        content.Add(new StringContent("0314409058-002"), "taxCode");
        using var response = await _host.Client.PostAsync(Route, content);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("taxCode");
    }

    [Fact]
    public async Task A_missing_file_is_a_field_error()
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in SampleProposal.Fields())
        {
            content.Add(new StringContent(value), key);
        }

        using var response = await _host.Client.PostAsync(Route, content);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString())
            .ShouldBe(["signedScan", "editableForm"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_filled_honeypot_is_refused()
    {
        var fields = SampleProposal.Fields(f => f["website"] = "http://spam.example");
        using var response = await _host.Client.PostAsync(Route, SampleProposal.Multipart(fields));
        await ProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");
    }

    private string Route => $"/api/calls/{_callId}/submissions";

    /// <summary>Sends a body of exactly <paramref name="contentLength"/> bytes, as a browser would, and reads the answer.</summary>
    private async Task<(int Status, string Body)> PostDeclaredLengthAsync(long contentLength)
    {
        var uri = new Uri(_host.BaseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        var head = $"POST {Route} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: multipart/form-data; boundary=b\r\n" +
                   $"Content-Length: {contentLength}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var chunk = new byte[256 * 1024];
        try
        {
            for (long sent = 0; sent < contentLength; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, contentLength - sent)));
            }
        }
        catch (IOException)
        {
            // The server may close early after answering; its answer is what counts.
        }

        return await ReadResponseAsync(stream);
    }

    /// <summary>Streams a chunked body larger than the limit, without any Content-Length.</summary>
    private async Task<(int Status, string Body)> PostChunkedAsync(long totalBytes)
    {
        var uri = new Uri(_host.BaseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        var head = $"POST {Route} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: multipart/form-data; boundary=b\r\n" +
                   "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var prefix = "--b\r\nContent-Disposition: form-data; name=\"signedScan\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-";
        var chunk = new byte[64 * 1024];
        try
        {
            await WriteChunkAsync(stream, Encoding.ASCII.GetBytes(prefix));
            for (long sent = 0; sent < totalBytes; sent += chunk.Length)
            {
                await WriteChunkAsync(stream, chunk);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server may stop reading once the limit is passed; its answer is what counts.
        }

        return await ReadResponseAsync(stream);
    }

    private static async Task WriteChunkAsync(NetworkStream stream, byte[] data)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"));
        await stream.WriteAsync(data);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }

    private static async Task<(int Status, string Body)> ReadResponseAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync() ?? string.Empty;
        var status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var chunked = false;
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
        {
            chunked |= line.StartsWith("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        }

        var rest = await reader.ReadToEndAsync();
        if (chunked)
        {
            // Keep the JSON between the first chunk size line and the terminating zero chunk.
            var start = rest.IndexOf('{', StringComparison.Ordinal);
            var end = rest.LastIndexOf('}');
            rest = start >= 0 && end > start ? rest[start..(end + 1)] : rest;
        }

        return (status, rest);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe(type);
        return problem;
    }

    private async Task ShouldHaveStoredNothingAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{_callId}/submissions");
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        using var response = await _host.Client.SendAsync(request);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32().ShouldBe(0);
        var container = new BlobContainerClient(_azurite.ConnectionString, "submissions");
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _callId + "/", default))
        {
            throw new ShouldAssertException($"Blob {blob.Name} was stored for a refused request.");
        }
    }
}
