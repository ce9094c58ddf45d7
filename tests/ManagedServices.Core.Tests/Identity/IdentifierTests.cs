namespace ManagedServices.Tests.Identity;

public class IdentifierTests
{
    private const string Guid1 = "8174a7b1-dbd4-4092-b82e-f8b1b6e91f40";

    [Theory]
    [InlineData(Guid1)]
    [InlineData("8174A7B1-DBD4-4092-B82E-F8B1B6E91F40")]
    public void TryParse_HyphenatedGuid_AnyCase_FormatsLowerCase(string text)
    {
        Assert.True(TenantId.TryParse(text, out var id));
        Assert.Equal(Guid1, id.ToString());
        Assert.Equal(id, TenantId.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("contoso")]
    [InlineData("{8174a7b1-dbd4-4092-b82e-f8b1b6e91f40}")]
    [InlineData("8174a7b1dbd44092b82ef8b1b6e91f40")]
    [InlineData(" 8174a7b1-dbd4-4092-b82e-f8b1b6e91f40")]
    [InlineData("8174a7b1-dbd4-4092-b82e-f8b1b6e91f4g")]
    [InlineData(null)]
    public void TryParse_AnythingButTheHyphenatedForm_Fails(string? text)
    {
        Assert.False(PrincipalId.TryParse(text, out _));
        Assert.False(SubscriptionId.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => TenantId.Parse(text));
        }
    }

    [Theory]
    [InlineData("b24988ac-6180-42a0-ab88-20f7382dd24c")]
    [InlineData("/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c")]
    [InlineData("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/microsoft.authorization/roledefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C")]
    public void RoleDefinitionId_AcceptsGuidOrArmId(string text)
    {
        Assert.True(RoleDefinitionId.TryParse(text, out var id));
        Assert.Equal(BuiltInRoleIds.Contributor, id);
    }

    [Theory]
    [InlineData("/providers/Microsoft.Authorization/roleDefinitions/")]
    [InlineData("/x/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c")]
    [InlineData("/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c/extra")]
    public void RoleDefinitionId_RejectsOtherPaths(string text) => Assert.False(RoleDefinitionId.TryParse(text, out _));

    [Fact]
    public void Identifiers_OrderAndCompareByGuid()
    {
        var a = TenantId.Parse("00000000-0000-0000-0000-000000000001");
        var b = TenantId.Parse("00000000-0000-0000-0000-000000000002");
        Assert.True(a < b && b > a && a <= b && b >= a && a != b);
        Assert.True(default(TenantId).IsEmpty);
    }
}
