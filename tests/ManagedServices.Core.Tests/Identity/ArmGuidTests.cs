
namespace ManagedServices.Tests.Identity;

public class ArmGuidTests
{
    // Expected values computed independently with Python 3:
    //   import uuid
    //   ns = uuid.UUID('11fb06fb-712d-4ddd-98c7-e71bbd588830')
    //   uuid.uuid5(ns, '-'.join(parts))
    // Python encodes the name as UTF-8, as ARM does, so the non-ASCII rows check the encoding too.
    [Theory]
    [InlineData("86d5837c-8da0-5669-9a2b-885b9e4c10b9", "Contoso Managed Infrastructure")]
    [InlineData("640b6484-5908-5001-ab32-9aa56db0a08e", "rg-app")]
    [InlineData("2d796349-8c7e-55ec-9624-54ece82ed031", "a", "b")]
    [InlineData("e655a85f-3ab2-5e4a-9666-569aa72a5a10", "")]
    [InlineData("a284898a-fc04-581d-aca0-047861d06160", "Relecloud Managed Services")]
    [InlineData("33a4ceb3-e216-5044-b469-b8789eacf1aa", "Fabrikam Managed Services - Assessment")]
    [InlineData("d6a5baf1-8b9b-542a-8525-2982f1f98a0c", "test")]
    [InlineData("97fc6131-db94-57c4-97e5-f8c595d76892", "Relecloud Managed Services", "test2")]
    [InlineData("eb0b5446-f0b3-532c-a7a2-623470114694", "Müller GmbH – Überwachung")]
    [InlineData("d02d845d-0a35-5f06-ae4f-67e82ca8892c", "日本語のオファー")]
    [InlineData("71f43797-e1e0-5fee-af74-aae74022c9f1", "emoji 🚀")]
    [InlineData("e96a1d01-05b9-5764-871d-a8d76342f369", "a", "-b")]
    public void Create_KnownVectors_MatchPythonUuid5(string expected, params string[] parts)
    {
        Assert.Equal(Guid.Parse(expected), ArmGuid.Create(parts));
    }

    [Fact]
    public void Create_PartsAreJoinedWithHyphen_SameAsOnePart()
    {
        // guid('a', 'b') and guid('a-b') hash the same text: the join is part of ARM's definition.
        Assert.Equal(ArmGuid.Create("a-b"), ArmGuid.Create("a", "b"));
    }

    [Fact]
    public void Create_IsVersion5Rfc4122()
    {
        var text = ArmGuid.Create("anything").ToString("D");
        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }

    [Fact]
    public void Create_NoPartsOrNullPart_Throws()
    {
        Assert.Throws<ArgumentException>(() => ArmGuid.Create());
        Assert.Throws<ArgumentException>(() => ArmGuid.Create("a", null!));
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public bool Create_IsDeterministic(string? text)
    {
        var s = text ?? "";
        return ArmGuid.Create(s) == ArmGuid.Create(s);
    }
}
