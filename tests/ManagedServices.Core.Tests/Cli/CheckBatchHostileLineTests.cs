using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Cli;
using ManagedServices.Serialization;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// A line of <c>check --requests</c> that cannot be read is one <c>MalformedRequest</c> line; it never ends the batch
/// (a lone surrogate escape in any field used to abort the process with exit 134).
/// </summary>
public sealed class CheckBatchHostileLineTests : IDisposable
{
    private const string Good = """{"id": "good", "principalId": "11111111-1111-1111-1111-111111111111", "action": "Microsoft.Compute/virtualMachines/read", "resource": "/subscriptions/22222222-2222-2222-2222-222222222222"}""";

    private readonly CliFixture _f = new();

    public void Dispose() => _f.Dispose();

    public static TheoryData<string> LoneSurrogateLines => new()
    {
        """{"id": "\ud800", "principalId": "11111111-1111-1111-1111-111111111111", "action": "a/b/read", "resource": "/subscriptions/22222222-2222-2222-2222-222222222222"}""",
        """{"id": "x", "principalId": "\ud800", "action": "a/b/read", "resource": "/subscriptions/22222222-2222-2222-2222-222222222222"}""",
        """{"id": "x", "principalId": "11111111-1111-1111-1111-111111111111", "action": "a/b/\udfff", "resource": "/subscriptions/22222222-2222-2222-2222-222222222222"}""",
        """{"id": "x", "principalId": "11111111-1111-1111-1111-111111111111", "action": "a/b/read", "resource": "/subscriptions/\ud800"}""",
        """{"id": "x", "principalId": "11111111-1111-1111-1111-111111111111", "action": "a/b/read", "resource": "/subscriptions/x", "groupIds": ["\ud800"]}""",
        """{"id": "x", "principalId": "11111111-1111-1111-1111-111111111111", "action": "a/b/read", "resource": "/subscriptions/x", "activatedRoleDefinitionIds": ["\udc00\ud800"]}""",
        """{"\ud800": 1, "id": "x"}""",
        "{\"id\": \"raw \ud800 surrogate\"}",
        "\ud800",
        "{\"id\": 1e999999, \"action\": \"\ud800\"}",
    };

    [Theory]
    [MemberData(nameof(LoneSurrogateLines))]
    public void Check_Batch_LineWithALoneSurrogate_IsMalformedAndTheBatchGoesOn(string hostile)
    {
        var template = _f.Template();

        var result = CliRunner.RunWithInput(hostile + "\n" + Good + "\n", "check", "--template", template,
            "--parameters", Path.Combine(_f.Directory, "template.parameters.json"), "--subscription", CliFixture.Subscription, "--requests", "-");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.OutLines.Length);
        Assert.Contains("\"reason\":\"MalformedRequest\"", result.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"id\":\"good\"", result.OutLines[1], StringComparison.Ordinal);
    }

    /// <summary>
    /// Any line of any characters (lone surrogates, controls, JSON punctuation, valid request fragments) gives exactly
    /// one result line, which is valid JSON, and the batch never throws.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property Batch_AnyLines_OneValidJsonResultPerLine_NeverThrows() => Prop.ForAll(
        HostileLine().ArrayOf().Select(static a => a.Take(8).ToArray()).ToArbitrary(),
        static lines =>
        {
            var input = string.Join("\n", lines);
            using var output = new StringWriter { NewLine = "\n" };
            using var error = new StringWriter();
            var batch = new CheckBatch(Evaluator, new CliContext { OpenStandardInput = () => TextReader.Null, Out = output, Error = error }, json: true);

            batch.Run(new StringReader(input));

            var expected = new List<string>();
            var reader = new LineReader(new StringReader(input), AccessRequestLines.MaxLineLength);
            while (reader.TryReadLine(out var line))
            {
                if (line is null || !string.IsNullOrWhiteSpace(line))
                {
                    expected.Add(line ?? "");
                }
            }

            var written = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return written.Length == expected.Count && written.All(IsJson);
        });

    /// <summary><see cref="AccessRequestLines.Parse"/> never throws and its id and error are valid UTF-16 (writable as JSON).</summary>
    [Property(MaxTest = 3000)]
    public Property Parse_AnyLine_NeverThrows_TextsAreValidUtf16() => Prop.ForAll(HostileLine().ToArbitrary(), static line =>
    {
        var parsed = AccessRequestLines.Parse(line, 1);
        return IsValidUtf16(parsed.Id) && IsValidUtf16(parsed.Error?.Message);
    });

    private static readonly AccessEvaluator Evaluator = AccessEvaluator.Create(DelegationSnapshot.Empty);

    private static Gen<string> HostileLine()
    {
        var pieces = Gen.Elements(
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\ud800", "\udc00", "\ud83d\ude00",
            "\"id\"", "\"principalId\"", "\"action\"", "\"resource\"", "\"groupIds\"", "\"activatedRoleDefinitionIds\"", "\"isDataAction\"",
            "\"11111111-1111-1111-1111-111111111111\"", "\"Microsoft.Compute/virtualMachines/read\"", "\"/subscriptions/22222222-2222-2222-2222-222222222222\"",
            "1", "-0", "1e400", "true", "null", " ", "\t", "\0", "\u0085", "\u2028", "x");
        var structured = Gen.Elements("id", "principalId", "action", "resource")
            .SelectMany(field => pieces.ArrayOf().Select(p => string.Concat(p.Take(6))), (field, value) => (field, value))
            .Select(static t => Good.Replace("\"" + t.field + "\": \"", "\"" + t.field + "\": \"" + t.value, StringComparison.Ordinal));
        var free = pieces.ArrayOf().Select(static p => string.Concat(p.Take(40)));
        var chars = Gen.Choose(0, 0xFFFF).Select(static c => (char)c).ArrayOf().Select(static c => new string(c.Take(40).ToArray()));
        return Gen.OneOf(structured, free, chars);
    }

    private static bool IsJson(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("decision").GetString() is "Allow" or "Deny";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsValidUtf16(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
