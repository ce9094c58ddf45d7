using BenchmarkDotNet.Attributes;
using ManagedServices.Offers;
using ManagedServices.Arm;

namespace ManagedServices.Benchmarks;

/// <summary>Writing and reading an onboarding template with 20 authorizations (2 in the smoke run).</summary>
[MemoryDiagnoser]
public class TemplateBenchmarks
{
    private OnboardingDefinition _definition = null!;
    private OnboardingTarget _target = null!;
    private string _template = "";
    private string _parameters = "";

    /// <summary>Builds the input and writes the files once for the read benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var count = BenchmarkSettings.Smoke ? 2 : 20;
        var roles = new[] { "acdd72a7-3385-48ef-bd42-f606fba81ae7", "b24988ac-6180-42a0-ab88-20f7382dd24c", "91c1777a-f3dc-4fae-b103-61d183457e46" };
        var authorizations = Enumerable.Range(0, count).Select(i => new Authorization
        {
            Principal = new Principal { Id = new PrincipalId(Guid.CreateVersion7()), DisplayName = $"Tier {i} Support" },
            RoleDefinitionId = RoleDefinitionId.Parse(roles[i % roles.Length]),
        }).ToArray();
        _definition = new OnboardingDefinition
        {
            Name = "Contoso Managed Infrastructure",
            Description = "Monitoring and patching by Contoso",
            Manifest = new DelegationManifest
            {
                ManagingTenantId = TenantId.Parse("fbcdd0f3-dc82-4cee-bcde-7301d24e9bf6"),
                Authorizations = [.. authorizations],
            },
        };
        _target = OnboardingTarget.ForSubscription();
        var files = OnboardingTemplate.Write(_definition, _target).GetValueOrThrow();
        _template = files.Template;
        _parameters = files.Parameters;
    }

    /// <summary>Write the template and parameters file.</summary>
    [Benchmark]
    public OnboardingTemplateFiles Write() => OnboardingTemplate.Write(_definition, _target).Value!;

    /// <summary>Read them back (parse, evaluate expressions, build the model).</summary>
    [Benchmark]
    public OnboardingTemplateContent Read() => OnboardingTemplate.Read(_template, _parameters).Value!;
}
