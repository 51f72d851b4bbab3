using System.Net;
using System.Text.Json.Nodes;
using Minio;
using Minio.DataModel.Args;
using Mint.Verification.Worlds;

namespace Mint.Verification.Contracts;

/// <summary>quote-page: the form, submit (and its alias) creating a quote_form seed, an attachment landing in the bucket.</summary>
[TestFixture]
[Category("Contract")]
public sealed class QuotePageContract
{
    [Test]
    public async Task FormIsServedAsHtml()
    {
        var target = await ContractCalls.TargetAsync();

        var exchange = await ContractCalls.Http.GetAsync(target.Endpoints.QuotePage);

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Status, Is.EqualTo(HttpStatusCode.OK), exchange.Transcript());
            Assert.That(exchange.ContentType, Is.EqualTo("text/html"));
            Assert.That(exchange.ResponseBody, Does.Contain("<form"));
        });
    }

    [TestCase("/api/submit-quote")]
    [TestCase("/quote/submit")]
    public async Task SubmitCreatesQuoteFormSeed(string path)
    {
        var target = await ContractCalls.TargetAsync();
        var quote = new JsonObject { ["name"] = "Quote Contract", ["email"] = "quote@example.invalid", ["request_text"] = "50 tees " + path, ["product"] = "Tee", ["quantity"] = 50, ["decoration_type"] = "dtg" };

        var submit = await ContractCalls.Http.PostJsonAsync(new Uri(target.Endpoints.QuotePage, path), quote.ToJsonString());
        var seedId = ContractCalls.Json(submit)["seed_id"]?.GetValue<string>() ?? "missing";
        var seed = ContractCalls.Json(await ContractCalls.GetSeedAsync(target, seedId));

        Assert.Multiple(() =>
        {
            Assert.That(submit.Status, Is.EqualTo(HttpStatusCode.Created), submit.Transcript());
            Assert.That(seed["source"]?.GetValue<string>(), Is.EqualTo("quote_form"), seed.ToJsonString());
            Assert.That(seed["request_text"]?.GetValue<string>(), Is.EqualTo("50 tees " + path));
            Assert.That(seed["from_email"]?.GetValue<string>(), Is.EqualTo("quote@example.invalid"));
        });
    }

    [Test]
    public async Task AttachmentIsStoredInTheBucket()
    {
        var world = await MatrixRun.Current.ModuleWorldAsync();
        var target = world.Target;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Quote With File"), "name" },
            { new StringContent("file@example.invalid"), "email" },
            { new StringContent("artwork attached"), "request_text" },
            { new ByteArrayContent("%PDF-1.4 artwork"u8.ToArray()), "file", "artwork.pdf" },
        };

        var submit = await ContractCalls.Http.PostFormAsync(new Uri(target.Endpoints.QuotePage, "/api/submit-quote"), form);
        var fileKey = ContractCalls.Json(submit)["file_key"]?.GetValue<string>();
        Assert.That(fileKey, Is.Not.Null.And.Not.Empty, submit.Transcript());

        var s3 = ModuleWorld.Loopback(world.S3, ModuleWorld.S3Port);
        using var client = new MinioClient().WithEndpoint(s3.Host, s3.Port).WithCredentials(world.Secrets.S3AccessKey, world.Secrets.S3SecretKey).WithSSL(false).Build();
        var stat = await client.StatObjectAsync(new StatObjectArgs().WithBucket(ModuleWorld.Bucket).WithObject(fileKey));

        Assert.That(stat.Size, Is.EqualTo("%PDF-1.4 artwork"u8.Length), $"object {fileKey} in bucket {ModuleWorld.Bucket}");
    }

    [Test]
    public async Task SubmitWithoutEmailIs400()
    {
        var target = await ContractCalls.TargetAsync();

        var submit = await ContractCalls.Http.PostJsonAsync(new Uri(target.Endpoints.QuotePage, "/api/submit-quote"), "{\"request_text\":\"no email\"}");

        Assert.That(submit.Status, Is.EqualTo(HttpStatusCode.BadRequest), submit.Transcript());
    }
}
