using System.Collections.Frozen;
using System.Text;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Templates;
using ManagedServices.Validation;

namespace ManagedServices.Fuzz;

/// <summary>
/// The fuzz targets: each takes raw bytes, reads them with one of the library's readers and checks the invariants
/// the library promises for any input. A broken invariant throws <see cref="InvariantException"/>; any exception is a
/// finding (afl-fuzz and libFuzzer report it as a crash).
/// </summary>
internal static class FuzzTargets
{
    // Nothing here may call the library before the fuzzer starts: an instrumented library only runs once
    // Fuzzer.OutOfProcess.Run or Fuzzer.LibFuzzer.Run has set up the coverage area, so the sample data is lazy.
    /// <summary>What one template read may allocate on its thread.</summary>
    private const long MaxAllocatedPerRead = 512L * 1024 * 1024;

    private static readonly Lazy<SubscriptionId> Subscription = new(() => SubscriptionId.Parse("5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f"));
    private static readonly Lazy<AccessEvaluator> Evaluator = new(() => AccessEvaluator.Create(Samples.Snapshot()));

    public static FrozenDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["template"] = Template,
        ["offer"] = Offer,
        ["registrations"] = Registrations,
        ["deny"] = Deny,
        ["scope"] = Scope,
        ["check"] = Check,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Bytes as the text a reader gets (invalid UTF-8 becomes U+FFFD, as a file read would make it).</summary>
    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    /// <summary>An onboarding template, then (after a NUL character) its parameters file; what reads must write.</summary>
    private static void Template(byte[] data)
    {
        var text = Text(data);
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        var (template, parameters) = nul < 0 ? (text, null) : (text[..nul], text[(nul + 1)..]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var read = OnboardingTemplate.Read(template, parameters, new OnboardingReadOptions { SubscriptionId = Subscription.Value });
        Expect(GC.GetAllocatedBytesForCurrentThread() - allocated < MaxAllocatedPerRead, "a read allocates a bounded amount (the work budget counts what is built)");
        Explained(read);
        if (read.IsSuccess && read.Value is { } content)
        {
            OfferValidator.Default.Validate(content.Definition.Manifest, marketplace: content.Definition.Plan is not null);
            OnboardingTemplate.Write(content.Definition, content.Target);
            OnboardingBicep.Write(content.Definition, content.Target);
        }
    }

    /// <summary>An offer document: what reads validates, and writes back to a document that reads to the same offer.</summary>
    private static void Offer(byte[] data)
    {
        var read = OfferDocument.Read(Text(data));
        Explained(read);
        if (!read.IsSuccess || read.Value is not { } offer)
        {
            return;
        }

        OfferValidator.Default.Validate(offer);
        var again = OfferDocument.Read(OfferDocument.Write(offer));
        Expect(again.Value == offer, "an offer document read back after writing gives the same offer");
    }

    /// <summary>Registration definitions and assignments in the REST shape; definitions that read write back and read again.</summary>
    private static void Registrations(byte[] data)
    {
        var text = Text(data);
        Explained(RegistrationResources.ReadAssignments(text));
        var read = RegistrationResources.ReadDefinitions(text);
        Explained(read);
        if (read.IsSuccess && read.Value is { } definitions)
        {
            var again = RegistrationResources.ReadDefinitions(RegistrationResources.WriteDefinitions(definitions));
            Expect(again.Value is not null && again.Value.SequenceEqual(definitions), "registration definitions read back after writing are the same");
        }
    }

    /// <summary>Deny assignments in the REST shape; what reads can be given to an evaluator and checked against.</summary>
    private static void Deny(byte[] data)
    {
        var read = DenyAssignmentResources.Read(Text(data));
        Explained(read);
        if (!read.IsSuccess || read.Value is not { } denies)
        {
            return;
        }

        var evaluator = AccessEvaluator.Create(Samples.Snapshot(), new AccessEvaluatorOptions { DenyAssignments = [.. denies] });
        var decision = evaluator.Check(Samples.AllowedRequest);
        Expect(decision.Reason is AccessReason.Allowed or AccessReason.DeniedByDenyAssignment, "a deny assignment only ever turns an Allow into DeniedByDenyAssignment");
        evaluator.Explain(Samples.AllowedRequest);
    }

    /// <summary>A scope: one that parses prints to text that parses to the same scope.</summary>
    private static void Scope(byte[] data)
    {
        if (ResourceScope.TryParse(Text(data), out var scope))
        {
            Expect(ResourceScope.TryParse(scope.ToString(), out var again) && again == scope, "a scope's text parses to the same scope");
        }
    }

    /// <summary>A request as three lines (principal, action, scope) against the sample delegations: decided and explained without throwing.</summary>
    private static void Check(byte[] data)
    {
        var lines = Text(data).Split('\n', 3);
        var request = new AccessRequest(lines[0], lines.Length > 1 ? lines[1] : "", lines.Length > 2 ? lines[2] : "");
        var decision = Evaluator.Value.Check(request);
        var explained = Evaluator.Value.Explain(request);
        Expect(explained.Decision == decision, "Explain gives the decision Check gives");
    }

    /// <summary>A reader that gives no value says why: at least one error diagnostic, each with a code.</summary>
    private static void Explained<T>(DiagnosticResult<T> result)
        where T : class
    {
        Expect(result.Value is not null || result.HasErrors, "a result without a value has an error diagnostic");
        Expect(result.Diagnostics.All(static d => d.Code.StartsWith("MSC", StringComparison.Ordinal)), "every diagnostic has a stable MSC code");
    }

    private static void Expect(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new InvariantException(invariant);
        }
    }
}

/// <summary>A library invariant does not hold for a fuzz input.</summary>
internal sealed class InvariantException(string invariant) : Exception("invariant broken: " + invariant);
