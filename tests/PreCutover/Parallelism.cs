// Rows are independent reads of the target: run them side by side.
[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Fixtures | NUnit.Framework.ParallelScope.Children)]
[assembly: NUnit.Framework.LevelOfParallelism(8)]
