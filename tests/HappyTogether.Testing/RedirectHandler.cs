namespace HappyTogether.Testing;

/// <summary>Sends the Twilio SDK's requests for api.twilio.com to the fake Twilio API on loopback.</summary>
public sealed class RedirectHandler(Uri target) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var builder = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port };
        request.RequestUri = builder.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
