using System.Net;
using System.Security.Claims;
using System.Text;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// HttpRequestData / HttpResponseData as the isolated worker hands them to a function: a real body, headers and
/// URL, on a FunctionContext (the runtime type, mocked) whose services give the worker's JSON serializer.
/// </summary>
public static class FunctionsHttp
{
    public static HttpRequestData Post(string url, string body)
    {
        var services = new ServiceCollection();
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer());
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InstanceServices).Returns(services.BuildServiceProvider());
        return new Request(context.Object, new Uri(url), body);
    }

    public static string Body(HttpResponseData response)
    {
        response.Body.Position = 0;
        return new StreamReader(response.Body, Encoding.UTF8).ReadToEnd();
    }

    private sealed class Request(FunctionContext context, Uri url, string body) : HttpRequestData(context)
    {
        public override Stream Body { get; } = new MemoryStream(Encoding.UTF8.GetBytes(body));

        public override HttpHeadersCollection Headers { get; } = new(new Dictionary<string, string> { ["Content-Type"] = "application/json" });

        public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

        public override Uri Url { get; } = url;

        public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

        public override string Method => "POST";

        public override HttpResponseData CreateResponse() => new Response(FunctionContext);
    }

    private sealed class Response(FunctionContext context) : HttpResponseData(context)
    {
        public override HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

        public override HttpHeadersCollection Headers { get; set; } = [];

        public override Stream Body { get; set; } = new MemoryStream();

        public override HttpCookies Cookies => throw new NotSupportedException("cookies are not used");
    }
}
