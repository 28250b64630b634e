using HappyTogether.Foundation.Text;
using HappyTogether.Functions;
using HappyTogether.Lifecycle.Consent;
using HappyTogether.Model.Couples;
using HappyTogether.Model.Scheduling;
using HappyTogether.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HappyTogether.Tests.Integration;

public class CouplesApiTests
{
    private const string ValidBody = """
        {"partners":[{"name":"Ana","phone":"+1 312 555 0181"},{"name":"Sam","phone":"(312) 555-0182","timeZone":"Europe/London"}],
         "timeZone":"America/Chicago","morningTime":"07:45","eveningTime":"21:00","invitedBy":"Dr. Lee's practice"}
        """;

    [Fact]
    public async Task Create_stores_the_couple_and_queues_one_invitation_per_partner()
    {
        // 07:00 in Chicago, 13:00 in London: both awake, so both invitations go at once.
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 13, 0, 0, TimeSpan.Zero));
        var result = await app.Function<CouplesApi>().Create(Http.Json("POST", ValidBody), default);

        var created = Assert.IsType<CreatedResult>(result);
        var id = Http.Body(result).GetProperty("id").GetString()!;
        Assert.Equal($"/api/couples/{id}", created.Location);

        var couple = (await app.Get<CoupleStore>().GetAsync(id))!;
        Assert.Equal("+13125550181", couple.A.Phone);
        Assert.Equal("+13125550182", couple.B.Phone);
        Assert.Equal("America/Chicago", couple.A.TimeZone);
        Assert.Equal("Europe/London", couple.B.TimeZone);
        Assert.Equal(new TimeOnly(7, 45), couple.A.MorningTime);
        Assert.All(couple.Partners, p => Assert.Equal(ConsentState.Invited, p.Consent));

        Assert.Equal(1, await app.DrainQueueAsync());
        var invitationA = Assert.Single(await app.OutboxAsync("+13125550181")).Body;
        var invitationB = Assert.Single(await app.OutboxAsync("+13125550182")).Body;
        Assert.Contains("Hi Ana! Dr. Lee's practice invited you and Sam", invitationA);
        Assert.Contains("Hi Sam!", invitationB);
        foreach (var text in new[] { invitationA, invitationB })
        {
            Assert.Contains("Reply YES to join", text);
            Assert.Contains("STOP", text);
            Assert.Contains("Msg & data rates may apply", text);
            Assert.Contains("each morning", text);
            Assert.True(Gsm7.IsBasic(text));
        }
    }

    [Theory]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"}]}""", "partners")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"12"},{"name":"Sam","phone":"+13125550182"}]}""", "partners[0].phone")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"not a phone"}]}""", "partners[1].phone")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+1 312 555 0181"},{"name":"Sam","phone":"(312) 555-0181"}]}""", "partners[1].phone")]
    [InlineData("""{"partners":[{"name":"","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}]}""", "partners[0].name")]
    [InlineData("""{"partners":[{"phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}]}""", "partners[0].name")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Bartholomew-Alexander","phone":"+13125550182"}]}""", "partners[1].name")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}],"timeZone":"Mars/Olympus"}""", "timeZone")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182","timeZone":"Nowhere"}]}""", "partners[1].timeZone")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}],"morningTime":"06:30"}""", "morningTime")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}],"eveningTime":"22:00"}""", "eveningTime")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}],"eveningTime":"25:99"}""", "eveningTime")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}],"morningTime":"20:00","eveningTime":"09:00"}""", "eveningTime")]
    [InlineData("""{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}],"invitedBy":"A very long practice name that goes on"}""", "invitedBy")]
    [InlineData("""{"partners": [ """, "body")]
    [InlineData("""{"partners": 5}""", "body")]
    public async Task Bad_requests_get_400_naming_the_field_and_store_nothing(string json, string field)
    {
        await using var app = await TestApp.StartAsync();
        var result = await app.Function<CouplesApi>().Create(Http.Json("POST", json), default);

        Assert.Equal(400, Http.Status(result));
        var problem = Assert.IsType<ValidationProblemDetails>(((ObjectResult)result).Value);
        Assert.Equal(field, Assert.Single(problem.Errors).Key);
        Assert.Equal(field, problem.Extensions["field"]);
        Assert.Contains("application/problem+json", ((ObjectResult)result).ContentTypes);
        Assert.Empty(await app.RowsMentioningAsync(""));
    }

    [Fact]
    public async Task A_phone_that_belongs_to_a_couple_gets_409_and_the_other_claim_is_released()
    {
        // Monday noon in Chicago: the invitations go out at once.
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 18, 0, 0, TimeSpan.Zero));
        var api = app.Function<CouplesApi>();
        Assert.Equal(201, Http.Status(await api.Create(Http.Json("POST", ValidBody), default)));
        // Named by the operator, Ana's number is not taken until she joins with her own YES.
        var kimAndAna = """{"partners":[{"name":"Kim","phone":"+13125550197"},{"name":"Ana","phone":"+13125550181"}]}""";
        Assert.Equal(201, Http.Status(await api.Create(Http.Json("POST", kimAndAna), default)));
        await app.DrainQueueAsync();
        // Two invitations reached her: YES asks which, by the last digits of the other partner's number.
        var which = (await app.TextAsync("+13125550181", "YES")).Reply!;
        Assert.StartsWith("Invitations from ", which);
        Assert.Contains("Sam ***0182", which);
        Assert.Contains("Kim ***0197", which);
        Assert.Null((await app.TextAsync("+13125550181", "YES 0182")).Reply);

        var clash = """{"partners":[{"name":"Kim","phone":"+13125550199"},{"name":"Ana","phone":"+13125550181"}]}""";
        var result = await api.Create(Http.Json("POST", clash), default);
        Assert.Equal(409, Http.Status(result));
        Assert.Equal("partners[1].phone", ((ValidationProblemDetails)((ObjectResult)result).Value!).Extensions["field"]);

        // Kim's number was claimed first and must be free again.
        var retry = """{"partners":[{"name":"Kim","phone":"+13125550199"},{"name":"Lou","phone":"+13125550198"}]}""";
        Assert.Equal(201, Http.Status(await api.Create(Http.Json("POST", retry), default)));
    }

    [Fact]
    public async Task Get_shows_masked_phones_consent_and_next_texts_in_utc_and_local_time()
    {
        // Monday 2027-01-04 13:00 UTC = 07:00 in Chicago: the invitations go out, and Ana answers YES.
        await using var app = await TestApp.StartAsync(new DateTimeOffset(2027, 1, 4, 13, 0, 0, TimeSpan.Zero));
        var couple = await app.EnrollAsync();
        await app.DrainQueueAsync();
        await app.Get<ConsentService>().OptInAsync(couple.A.Phone, "test:YES");

        var result = await app.Function<CouplesApi>().Get(Http.Get(), couple.Id, default);
        Assert.Equal(200, Http.Status(result));
        var body = Http.Body(result);
        var raw = body.GetRawText();
        Assert.DoesNotContain("3125550181", raw);
        Assert.DoesNotContain("3125550182", raw);

        var a = body.GetProperty("partners")[0];
        Assert.Equal("***0181", a.GetProperty("phone").GetString());
        Assert.Equal("OptedIn", a.GetProperty("consent").GetString());
        var next = a.GetProperty("nextTexts").EnumerateArray().ToList();
        Assert.Equal("morning", next[0].GetProperty("slot").GetString());
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 14, 0, 0, TimeSpan.Zero), next[0].GetProperty("utc").GetDateTimeOffset());
        Assert.Equal("2027-01-04T08:00:00-06:00", next[0].GetProperty("local").GetString());
        Assert.Equal("evening", next[1].GetProperty("slot").GetString());
        Assert.Equal("2027-01-04T20:30:00-06:00", next[1].GetProperty("local").GetString());

        var b = body.GetProperty("partners")[1];
        Assert.Equal("Invited", b.GetProperty("consent").GetString());
        Assert.Empty(b.GetProperty("nextTexts").EnumerateArray());

        Assert.Equal(404, Http.Status(await app.Function<CouplesApi>().Get(Http.Get(), "nosuchcouple", default)));
    }

    [Fact]
    public async Task Delete_erases_the_couple_from_every_table_then_answers_404()
    {
        await using var app = await TestApp.StartAsync();
        var couple = await app.EnrollOptedInAsync();
        await app.Get<Scheduler>().RunAsync();
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.Get<Scheduler>().RunAsync();
        await app.DrainQueueAsync();
        Assert.NotEmpty(await app.RowsMentioningAsync(couple.Id));
        Assert.NotEmpty(await app.RowsMentioningAsync(couple.A.Phone));

        var api = app.Function<CouplesApi>();
        Assert.IsType<NoContentResult>(await api.Delete(Http.Get("DELETE"), couple.Id, default));

        Assert.Empty(await app.RowsMentioningAsync(couple.Id));
        Assert.Empty(await app.RowsMentioningAsync(couple.A.Phone));
        Assert.Empty(await app.RowsMentioningAsync(couple.B.Phone));
        Assert.Equal(404, Http.Status(await api.Get(Http.Get(), couple.Id, default)));
        Assert.Equal(404, Http.Status(await api.Delete(Http.Get("DELETE"), couple.Id, default)));

        // The numbers are free to enroll again.
        Assert.Equal(201, Http.Status(await api.Create(Http.Json("POST", """{"partners":[{"name":"Ana","phone":"+13125550181"},{"name":"Sam","phone":"+13125550182"}]}"""), default)));
    }
}
