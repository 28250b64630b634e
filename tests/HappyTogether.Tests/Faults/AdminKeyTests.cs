using System.Net;
using System.Text;
using HappyTogether.Foundation.Storage;
using HappyTogether.Lifecycle.Enrollments;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Outbound;
using HappyTogether.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HappyTogether.Tests.Faults;

/// <summary>
/// The admin API over real HTTP: the local host's routes and key check (<see cref="LocalHostApp"/>). Every admin route
/// refuses every missing or wrong key and changes nothing; the right key works.
/// </summary>
public sealed class AdminKeyTests(AdminKeyTests.Host host, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AdminKeyTests.Host>
{
    private const string AdminKey = "Right-Admin-Key-42";

    public sealed class Host : IAsyncLifetime
    {
        private LocalHostApp app = null!;

        public HttpClient Client => app.Client;
        public IServiceProvider Services => app.Services;
        public Couple Couple { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            app = await LocalHostApp.StartAsync(AdminKey);
            var enrolled = await app.Services.GetRequiredService<Enrollment>().EnrollAsync(new EnrollmentRequest(
                [new PartnerRequest("Kim", "+13125550141", null), new PartnerRequest("Lou", "+13125550142", null)], null, null, null, null));
            Couple = ((EnrollmentResult.Enrolled)enrolled).Couple;
        }

        public async Task DisposeAsync() => await app.DisposeAsync();

        public Task<StoreSnapshot> SnapshotAsync() =>
            StoreSnapshot.TakeAsync(Services.GetRequiredService<Tables>(), Services.GetRequiredService<OutboundQueue>().Client);
    }

    private const string NewCouple = """{"partners":[{"name":"Max","phone":"+13125550151"},{"name":"Noa","phone":"+13125550152"}]}""";

    private IEnumerable<(string Name, Func<HttpRequestMessage> Request)> Routes()
    {
        var id = host.Couple.Id;
        yield return ("POST /api/couples", () => new HttpRequestMessage(HttpMethod.Post, "/api/couples") { Content = new StringContent(NewCouple, Encoding.UTF8, "application/json") });
        yield return ("GET /api/couples/{id}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/couples/{id}"));
        yield return ("GET /api/couples/{id}/recap", () => new HttpRequestMessage(HttpMethod.Get, $"/api/couples/{id}/recap?week=2027-W01"));
        yield return ("DELETE /api/couples/{id}", () => new HttpRequestMessage(HttpMethod.Delete, $"/api/couples/{id}"));
        yield return ("GET /api/outbound/poison", () => new HttpRequestMessage(HttpMethod.Get, "/api/outbound/poison"));
    }

    /// <summary>Ways of presenting a missing or wrong key; each edits the request.</summary>
    private static IEnumerable<(string Name, Action<HttpRequestMessage> Apply)> WrongKeys()
    {
        static Action<HttpRequestMessage> Header(string value) => r => r.Headers.TryAddWithoutValidation("x-functions-key", value);
        static Action<HttpRequestMessage> Code(string value) => r => r.RequestUri = new Uri(
            r.RequestUri!.OriginalString + (r.RequestUri.OriginalString.Contains('?') ? "&" : "?") + "code=" + Uri.EscapeDataString(value), UriKind.Relative);

        yield return ("no key", _ => { });
        yield return ("empty header", Header(""));
        yield return ("empty code", Code(""));
        yield return ("wrong header", Header("wrong-key"));
        yield return ("wrong code", Code("wrong-key"));
        yield return ("header in other case", Header(AdminKey.ToUpperInvariant()));
        yield return ("code in other case", Code(AdminKey.ToLowerInvariant()));
        yield return ("code with trailing space", Code(AdminKey + " "));
        yield return ("code with leading space", Code(" " + AdminKey));
        yield return ("header with a character appended", Header(AdminKey + "x"));
        yield return ("header missing its last character", Header(AdminKey[..^1]));
        yield return ("code as a prefix", Code(AdminKey[..5]));
        yield return ("header with an inner space", Header(AdminKey.Replace("-", " -")));
        yield return ("key in another header", r => r.Headers.TryAddWithoutValidation("x-api-key", AdminKey));
        yield return ("key as a bearer token", r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + AdminKey));
        yield return ("key as another query name", r => r.RequestUri = new Uri(r.RequestUri!.OriginalString + (r.RequestUri.OriginalString.Contains('?') ? "&" : "?") + "key=" + AdminKey, UriKind.Relative));
        yield return ("wrong header beside the right code", r => { Header("wrong-key")(r); Code(AdminKey)(r); });
        yield return ("two headers, wrong then right", r => r.Headers.TryAddWithoutValidation("x-functions-key", ["wrong-key", AdminKey]));
        yield return ("the Twilio auth token", Header(FakeTwilioApi.AuthToken));
    }

    [Fact]
    public async Task Every_admin_route_refuses_a_missing_or_wrong_key_and_changes_nothing_while_the_right_key_works()
    {
        var failures = new List<string>();
        var tried = 0;
        var before = await host.SnapshotAsync();
        foreach (var (route, request) in Routes())
        {
            foreach (var (keyName, apply) in WrongKeys())
            {
                tried++;
                var message = request();
                apply(message);
                using var response = await host.Client.SendAsync(message);
                if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                    failures.Add($"{route} with {keyName}: got {(int)response.StatusCode}");
                else if (keyName == "no key" && response.StatusCode != HttpStatusCode.Unauthorized)
                    failures.Add($"{route} with no key: got {(int)response.StatusCode}, expected 401");
                if ((await response.Content.ReadAsStringAsync()).Contains(host.Couple.Id))
                    failures.Add($"{route} with {keyName}: the body names the couple");
                var after = await host.SnapshotAsync();
                if (after.DiffFrom(before) is { Count: > 0 } diff)
                {
                    failures.Add($"{route} with {keyName}: changed {string.Join(", ", diff)}");
                    before = after;
                }
            }
        }
        output.WriteLine($"{tried} refused requests: {Routes().Count()} routes x {WrongKeys().Count()} wrong keys.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} not refused cleanly:\n{string.Join('\n', failures)}");
        Assert.Equal(5 * 19, tried);

        // Control: the right key, by header and by ?code=, reaches each route (DELETE last).
        async Task<HttpStatusCode> Right((string Name, Func<HttpRequestMessage> Request) route, bool byCode)
        {
            var message = route.Request();
            if (byCode) message.RequestUri = new Uri(message.RequestUri!.OriginalString + (message.RequestUri.OriginalString.Contains('?') ? "&" : "?") + "code=" + AdminKey, UriKind.Relative);
            else message.Headers.Add("x-functions-key", AdminKey);
            using var response = await host.Client.SendAsync(message);
            return response.StatusCode;
        }
        var routes = Routes().ToList();
        Assert.Equal(HttpStatusCode.Created, await Right(routes[0], byCode: false));
        Assert.Equal(HttpStatusCode.OK, await Right(routes[1], byCode: false));
        Assert.Equal(HttpStatusCode.OK, await Right(routes[1], byCode: true));
        Assert.Equal(HttpStatusCode.OK, await Right(routes[2], byCode: true));
        Assert.Equal(HttpStatusCode.NoContent, await Right(routes[3], byCode: true));
        Assert.Equal(HttpStatusCode.NotFound, await Right(routes[1], byCode: false));
        Assert.Equal(HttpStatusCode.OK, await Right(routes[4], byCode: false));
    }
}
