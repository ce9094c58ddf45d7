using ManagedServices.Serialization;

namespace ManagedServices.Tests.Serialization;

/// <summary>
/// <see cref="AccessRequestLines"/> reads the JSONL requests of <c>check --requests</c>: one request per line, every
/// line that is not one a <see cref="DiagnosticCodes.MalformedAccessRequest"/> with its line number, never an exception.
/// </summary>
public sealed class AccessRequestLinesTests
{
    private const string Principal = "11111111-1111-1111-1111-111111111111";
    private const string Group = "33333333-3333-3333-3333-333333333333";
    private const string Role = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string Resource = "/subscriptions/22222222-2222-2222-2222-222222222222";

    [Fact]
    public void Read_AFullRequest_GivesEveryField()
    {
        var line = Single($$"""{"id": "a", "principalId": "{{Principal}}", "action": "Microsoft.Compute/virtualMachines/read", "resource": "{{Resource}}", "groupIds": ["{{Group}}"], "activatedRoleDefinitionIds": ["{{Role}}"], "isDataAction": true}""");

        Assert.Null(line.Error);
        Assert.Equal("a", line.Id);
        Assert.Equal(1, line.LineNumber);
        Assert.Equal(PrincipalId.Parse(Principal), line.Request.PrincipalId);
        Assert.Equal("Microsoft.Compute/virtualMachines/read", line.Request.Action);
        Assert.Equal(Resource, line.Request.Scope);
        Assert.Equal([PrincipalId.Parse(Group)], line.Request.GroupIds.ToArray());
        Assert.Equal([RoleDefinitionId.Parse(Role)], line.Request.ActivatedRoleDefinitionIds.ToArray());
        Assert.True(line.Request.IsDataAction);
    }

    [Fact]
    public void Read_SkipsBlankLines_ButCountsThem()
    {
        var lines = AccessRequestLines.Read(new StringReader($"\n   \r\n{Request("x")}\r\n\n{Request("y")}")).ToList();

        Assert.Equal([3L, 5L], lines.Select(static l => l.LineNumber));
        Assert.Equal(["x", "y"], lines.Select(static l => l.Id));
        Assert.All(lines, static l => Assert.Null(l.Error));
    }

    [Fact]
    public void Read_ANumberId_KeepsItsText()
    {
        Assert.Equal("12.50", Single($$"""{"id": 12.50, "principalId": "{{Principal}}", "action": "a/b/read", "resource": "{{Resource}}"}""").Id);
        Assert.Null(Single($$"""{"id": null, "principalId": "{{Principal}}", "action": "a/b/read", "resource": "{{Resource}}"}""").Id);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "a request must be a JSON object")]
    [InlineData("{\"id\": true}", "'id' must be a string or a number")]
    [InlineData("{\"id\": \"k\", \"action\": \"a/b/read\", \"resource\": \"/subscriptions/x\"}", "'principalId' is required and must be a non-empty string")]
    [InlineData("{\"id\": \"k\", \"principalId\": \"11111111-1111-1111-1111-111111111111\", \"action\": \"\", \"resource\": \"/subscriptions/x\"}", "'action' is required and must be a non-empty string")]
    [InlineData("{\"id\": \"k\", \"principalId\": \"11111111-1111-1111-1111-111111111111\", \"action\": \"a/b/read\", \"resource\": 5}", "'resource' is required and must be a non-empty string")]
    [InlineData("{\"id\": \"k\", \"principalId\": \"{11111111-1111-1111-1111-111111111111}\", \"action\": \"a/b/read\", \"resource\": \"/subscriptions/x\"}", "'principalId' is not a GUID: '{11111111-1111-1111-1111-111111111111}'")]
    [InlineData("{\"id\": \"k\", \"principalId\": \"11111111-1111-1111-1111-111111111111\", \"action\": \"a/b/read\", \"resource\": \"/subscriptions/x\", \"groupIds\": \"33333333-3333-3333-3333-333333333333\"}", "'groupIds' must be an array of GUIDs")]
    [InlineData("{\"id\": \"k\", \"principalId\": \"11111111-1111-1111-1111-111111111111\", \"action\": \"a/b/read\", \"resource\": \"/subscriptions/x\", \"activatedRoleDefinitionIds\": [1]}", "'activatedRoleDefinitionIds' must be an array of GUIDs; '1' is not one")]
    [InlineData("{\"id\": \"k\", \"principalId\": \"11111111-1111-1111-1111-111111111111\", \"action\": \"a/b/read\", \"resource\": \"/subscriptions/x\", \"isDataAction\": \"yes\"}", "'isDataAction' must be true or false")]
    [InlineData("{\"id\": \"\\ud800\"}", "cannot be read as a request")]
    public void Read_AMalformedLine_IsOneDiagnostic_AndTheStreamGoesOn(string malformed, string message)
    {
        var lines = AccessRequestLines.Read(new StringReader(Request("before") + "\n" + malformed + "\n" + Request("after"))).ToList();

        Assert.Equal(3, lines.Count);
        var error = Assert.IsType<Diagnostic>(lines[1].Error);
        Assert.Equal(DiagnosticCodes.MalformedAccessRequest, error.Code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(2, error.Line);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(default, lines[1].Request);
        Assert.Equal(["before", "after"], new[] { lines[0], lines[2] }.Select(static l => l.Id));
        Assert.Null(lines[2].Error);
    }

    [Fact]
    public void Read_AnIdSurvivesAFieldError()
    {
        var line = Single("""{"id": "keep", "principalId": "nope", "action": "a/b/read", "resource": "/subscriptions/x"}""");

        Assert.Equal("keep", line.Id);
        Assert.NotNull(line.Error);
    }

    [Fact]
    public void Read_ALineLongerThanTheLimit_IsMalformed_AndIsNotKept()
    {
        var huge = "{\"id\": \"huge\", \"action\": \"" + new string('a', AccessRequestLines.MaxLineLength) + "\"}";

        var lines = AccessRequestLines.Read(new StringReader(huge + "\n" + Request("next"))).ToList();

        Assert.Null(lines[0].Id);
        Assert.Equal("longer than 1,048,576 characters", lines[0].Error!.Message);
        Assert.Equal("next", lines[1].Id);
    }

    [Fact]
    public void Read_IsLazy_OneLineAtATime()
    {
        var reader = new CountingReader(Request("first") + "\n" + string.Concat(Enumerable.Repeat(Request("more") + "\n", 10_000)));

        using var lines = AccessRequestLines.Read(reader).GetEnumerator();
        Assert.True(lines.MoveNext());

        Assert.Equal("first", lines.Current.Id);
        Assert.True(reader.CharactersRead < 64 * 1024, $"read {reader.CharactersRead} characters for the first line");
    }

    private static string Request(string id) =>
        $$"""{"id": "{{id}}", "principalId": "{{Principal}}", "action": "Microsoft.Compute/virtualMachines/read", "resource": "{{Resource}}"}""";

    private static AccessRequestLine Single(string line) => Assert.Single(AccessRequestLines.Read(new StringReader(line)));

    private sealed class CountingReader(string text) : TextReader
    {
        private readonly StringReader _inner = new(text);

        public int CharactersRead { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            var n = _inner.Read(buffer, index, count);
            CharactersRead += n;
            return n;
        }
    }
}
