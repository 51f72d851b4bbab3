// Every test of this assembly is written as an Allure 2 result with its steps and attachments
// (the night's directory under evidence/nights/, or $MINT_ALLURE_RESULTS); see fixtures/Verification.Fixtures/Evidence.
[assembly: Mint.Verification.Testing.AllureResults]

// Every test fails before its body when the assembly's start was refused (bad settings): one message, printed once.
[assembly: Mint.Verification.Testing.MatrixGate]
