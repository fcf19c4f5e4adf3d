using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Streams.Hosting.Http;

/// <summary>Checks <c>Authorization: Bearer &lt;token&gt;</c> in constant time; <c>/healthz</c> stays open for probes.</summary>
internal sealed class BearerToken(string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Equals("/healthz", StringComparison.Ordinal) || IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
    }

    private bool IsAuthorized(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
