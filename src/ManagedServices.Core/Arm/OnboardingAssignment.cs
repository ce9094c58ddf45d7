namespace ManagedServices.Arm;

/// <summary>
/// A registration assignment an onboarding template creates: its name, where it is created (the subscription, or the
/// resource group of the nested deployment it sits in) and the registration definition it references.
/// </summary>
/// <param name="Id">The assignment's resource name (a GUID; the empty GUID when the template's name is not one, which is an error).</param>
/// <param name="RegistrationDefinitionId">The evaluated <c>registrationDefinitionId</c>, as written (null when the template gives none).</param>
/// <param name="ResourceGroupName">The resource group the assignment is created in, or null when it is created at the subscription.</param>
/// <param name="DefinitionIndex">
/// The index in <see cref="OnboardingTemplateContent.RegistrationDefinitions"/> of the definition whose resource ID
/// equals <see cref="RegistrationDefinitionId"/> (compared case-insensitively), or null when the template creates no
/// such definition (the assignment then grants nothing offline; <see cref="DiagnosticCodes.TemplateAssignmentDefinitionNotFound"/>).
/// </param>
public sealed record OnboardingAssignment(Guid Id, string? RegistrationDefinitionId, string? ResourceGroupName, int? DefinitionIndex);
