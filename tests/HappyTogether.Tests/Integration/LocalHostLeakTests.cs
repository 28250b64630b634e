using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HappyTogether.Tests.Integration;

/// <summary>
/// The local host cannot leak: it listens on loopback only, serves /dev only when asked and never
/// beside Twilio sending, answers /dev only to loopback Host names, posts simulated texts only to
/// itself, and takes no development secret while it texts real phones. Real hosts on 127.0.0.1;
/// the Twilio settings are fake and any call towards Twilio fails the test.
/// </summary>
public sealed class LocalHostLeakTests
{
    private const string AdminKey = "AdminKey=leak-tests-admin-key-0123456789";
    private const string Token = "test-token-local-host-leaks";
    private const string TokenSetting = "TwilioAuthToken=" + Token;

    /// <summary>
    /// Fake settings that, with an auth token, switch sending to Twilio: a SID of zeros, Twilio's magic
    /// test sender, and the number-hash and link-signing secrets the app requires beside Twilio.
    /// </summary>
    private static readonly string[] Twilio = ["TwilioAccountSid=AC" + new string('0', 32), "TwilioFromNumber=+15005550006", "NumberHashKey=test-number-hash-key-0123456789abcdef", "LinkSigningKey=test-link-signing-key-0123456789abcdef"];

    /// <summary>Twilio sending with secrets of the operator's own: the host starts.</summary>
    private static readonly string[] Live = [.. Twilio, TokenSetting, AdminKey];

    private static IReadOnlyList<string> Refusal(params string[] args) =>
        Assert.Throws<RefusedToStartException>(() => DevelopmentHost.Build(args)).Problems;

    [Theory]
    [InlineData("--dev-clock")]
    [InlineData("--simulator")]
    [InlineData("--demo")]
    public async Task A_flag_for_the_simulator_or_the_demo_couple_refuses_the_start_while_Twilio_sending_is_configured(string flag)
    {
        var problem = Assert.Single(Refusal([.. Live, flag]));
        Assert.Contains(flag, problem);
        // The same flag without Twilio is what the simulator and the browser test run on.
        await DevelopmentHost.Build([AdminKey, flag]).DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_a_simulator_flag_no_dev_route_is_served(bool twilio)
    {
        await using var host = await LocalHostApp.StartHostAsync(twilio ? Live : []);
        foreach (var path in new[] { "/dev", "/dev/app.js", "/dev/state", "/dev/outbox" })
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(path)).StatusCode);
        foreach (var path in new[] { "/dev/sms", "/dev/clock", "/dev/run/evening" })
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsJsonAsync(path, new { from = "+13125550101", body = "calm" })).StatusCode);
    }

    [Theory]
    [InlineData("--dev-clock")]
    [InlineData("--simulator")]
    public async Task With_its_flag_and_texts_to_the_outbox_the_simulator_is_served_on_development_defaults(string flag)
    {
        await using var host = await LocalHostApp.StartHostAsync(flag);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/dev")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/dev/state")).StatusCode);
    }

    [Theory]
    [InlineData("--urls http://0.0.0.0:0", "http://0.0.0.0:0")]
    [InlineData("--urls http://127.0.0.1:0;http://[::]:0", "http://[::]:0")]
    [InlineData("--urls http://*:0", "http://*:0")]
    [InlineData("urls=http://+:0", "http://+:0")]
    [InlineData("--Kestrel:Endpoints:Web:Url http://0.0.0.0:0", "Kestrel:Endpoints:Web:Url")]
    [InlineData("Kestrel:Endpoints:Lan:Url=https://192.168.1.20:0", "Kestrel:Endpoints:Lan:Url")]
    // Kestrel binds a name other than localhost to every interface.
    [InlineData("Kestrel:Endpoints:Web:Url=http://127.0.0.1.nip.io:0", "Kestrel:Endpoints:Web:Url")]
    public void A_configured_binding_off_loopback_refuses_the_start(string args, string named)
    {
        var problem = Assert.Single(Refusal(args.Split(' ')));
        Assert.Contains(named, problem);
    }

    [Fact]
    public async Task Bindings_in_environment_variables_refuse_the_start_with_a_non_zero_exit_and_a_message()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HappyTogether.LocalHost.dll"));
        start.Environment["ASPNETCORE_URLS"] = "http://+:0";
        start.Environment["Kestrel__Endpoints__Web__Url"] = "http://0.0.0.0:0";
        using var host = Process.Start(start)!;
        var stderr = host.StandardError.ReadToEndAsync();
        var stdout = host.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await host.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            host.Kill(entireProcessTree: true);
            Assert.Fail("The local host started instead of refusing.");
        }
        Assert.Equal(1, host.ExitCode);
        var message = await stderr;
        Assert.Contains("ASPNETCORE_URLS", message);
        Assert.Contains("Kestrel__Endpoints__Web__Url", message);
        Assert.DoesNotContain("Listening", await stdout);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://127.8.9.10:7071", true)]
    [InlineData("https://LOCALHOST:5001", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://[::]:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:7071", false)]
    [InlineData("http://localhost.example:7071", false)]
    [InlineData("http://10.0.0.5:7071", false)]
    [InlineData("http://unix:/tmp/happytogether.sock", false)]
    [InlineData("not a url", false)]
    public void Only_127_0_0_0_8_and_the_loopback_names_count_as_loopback(string url, bool loopback) =>
        Assert.Equal(loopback, LoopbackOnly.IsLoopbackUrl(url));

    [Theory]
    [InlineData("AdminKey", TokenSetting)]
    [InlineData("AdminKey", TokenSetting + " AdminKey=local-admin-key")]
    [InlineData("AdminKey", TokenSetting + " AdminKey=short-key")]
    [InlineData("TwilioAuthToken", AdminKey)]
    [InlineData("TwilioAuthToken", AdminKey + " TwilioAuthToken=your_auth_token")]
    public void A_development_or_sample_secret_refuses_the_start_while_Twilio_sending_is_configured(string named, string settings)
    {
        // A setting left out takes the development default (local-admin-key, local-development-token).
        string[] args = [.. Twilio, .. settings.Split(' ')];
        Assert.StartsWith(named, Assert.Single(Refusal(args)));
        // Through a Messaging Service instead of a number, it is the same.
        string[] viaService = [.. args.Where(a => !a.StartsWith("TwilioFromNumber")), "TwilioMessagingServiceSid=MG" + new string('0', 32)];
        Assert.StartsWith(named, Assert.Single(Refusal(viaService)));
    }

    [Fact]
    public async Task Dev_answers_only_a_loopback_Host_that_was_not_relayed_while_webhooks_still_come_through_a_tunnel()
    {
        const string tunnel = "https://abc123.tunnel.example";
        await using var host = await LocalHostApp.StartHostAsync("--simulator", TokenSetting, "PublicBaseUrl=" + tunnel);
        var port = host.Address.Port;

        async Task<HttpResponseMessage> Get(string path, string hostHeader, (string Name, string Value)? header = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = hostHeader;
            if (header is { } h) request.Headers.Add(h.Name, h.Value);
            return await host.Client.SendAsync(request);
        }

        foreach (var allowed in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"[::1]:{port}", "localhost" })
            Assert.Equal(HttpStatusCode.OK, (await Get("/dev", allowed)).StatusCode);

        // A rebound DNS name or a tunnel's host: refused with a short plain answer.
        foreach (var refused in new[] { "evil.example", $"evil.example:{port}", $"127.0.0.1.nip.io:{port}", "abc123.tunnel.example" })
        {
            using var response = await Get("/dev/state", refused);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString());
            Assert.Contains("only on this machine", await response.Content.ReadAsStringAsync());
        }
        // A tunnel that rewrites Host to the local one still says it relayed the request.
        foreach (var relayed in new[] { ("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-Host", "abc123.tunnel.example"), ("Forwarded", "for=203.0.113.7"), ("X-Real-IP", "203.0.113.7") })
            Assert.Equal(HttpStatusCode.Forbidden, (await Get("/dev", $"127.0.0.1:{port}", relayed)).StatusCode);

        // A forged text through /dev/sms is refused before anything is signed or recorded.
        using (var forged = new HttpRequestMessage(HttpMethod.Post, "/dev/sms") { Content = JsonContent.Create(new { from = "+13125550101", body = "forged" }) })
        {
            forged.Headers.Host = "evil.example";
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(forged)).StatusCode);
        }
        var state = await (await Get("/dev/state", $"127.0.0.1:{port}")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(0, state.GetProperty("sent").GetArrayLength());

        // Twilio's webhook through the tunnel keeps working: only /dev is kept to this machine.
        var form = Sms.InboundForm("+13125550109", "hello");
        using var webhook = new HttpRequestMessage(HttpMethod.Post, "/api/sms") { Content = new FormUrlEncodedContent(form) };
        webhook.Headers.Host = "abc123.tunnel.example";
        webhook.Headers.Add("X-Twilio-Signature", Sms.Sign(tunnel + "/api/sms", form, Token));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(webhook)).StatusCode);
    }

    [Fact]
    public async Task Dev_sms_posts_only_to_the_hosts_own_address_never_to_the_Host_header_or_PublicBaseUrl()
    {
        // Another server on this machine, named both by the request's Host and by PublicBaseUrl.
        var trapped = 0;
        var trapBuilder = WebApplication.CreateBuilder();
        trapBuilder.Logging.ClearProviders();
        trapBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var trap = trapBuilder.Build();
        trap.Run(context =>
        {
            Interlocked.Increment(ref trapped);
            return context.Response.WriteAsync("<Response><Message>from the trap</Message></Response>");
        });
        await trap.StartAsync();
        var trapUrl = new Uri(trap.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        await using var host = await LocalHostApp.StartHostAsync("--simulator", TokenSetting, "PublicBaseUrl=" + trapUrl);
        using var text = new HttpRequestMessage(HttpMethod.Post, "/dev/sms") { Content = JsonContent.Create(new { from = "+13125550109", body = "hello" }) };
        text.Headers.Host = $"localhost:{trapUrl.Port}";
        using var response = await host.Client.SendAsync(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The host's own webhook took it (signed for PublicBaseUrl, which it checks against) and answered the unknown
        // number.
        var reply = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("reply").GetString();
        Assert.False(string.IsNullOrEmpty(reply));
        Assert.DoesNotContain("trap", reply);
        Assert.Equal(0, trapped);
    }
}
