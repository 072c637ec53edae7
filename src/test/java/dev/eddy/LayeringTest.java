package dev.eddy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package layering of DESIGN.md: {@code kernel -> notebook -> runtime, windowing -> dataflow}, with
 * {@code io} and {@code testing} beside {@code dataflow}. A flow is a description, so the DSL never
 * reaches a runtime, the notebook, the kernel or Tablesaw; that is what lets a second runtime run the
 * same flows. Rules about packages that don't exist yet pass until they do.
 *
 * <p>Recovery is a room of its own: the runtime reaches it only through {@code runtime.RecoveryStore}, and
 * only {@code dev.eddy.recovery} touches SQLite, so a run without recovery (and the kernel's start) never
 * loads a database class.
 */
@AnalyzeClasses(packages = "dev.eddy", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String[] ABOVE_THE_DSL = {
        "dev.eddy.runtime..", "dev.eddy.notebook..", "dev.eddy.kernel..", "tech.tablesaw.."};

    @ArchTest
    static final ArchRule dataflowDescribesFlowsWithoutRunningThem = noClasses()
            .that().resideInAPackage("dev.eddy.dataflow..")
            .should().dependOnClassesThat().resideInAnyPackage(ABOVE_THE_DSL)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.eddy.windowing..", "dev.eddy.testing..");

    @ArchTest
    static final ArchRule windowingIsBuiltOnTheDslAlone = noClasses()
            .that().resideInAPackage("dev.eddy.windowing..")
            .should().dependOnClassesThat().resideInAnyPackage(ABOVE_THE_DSL)
            .orShould().dependOnClassesThat().resideInAPackage("dev.eddy.testing..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule ioDependsOnNothingElseOfEddy = noClasses()
            .that().resideInAPackage("dev.eddy.io..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.dataflow..", "dev.eddy.windowing..",
                    "dev.eddy.runtime..", "dev.eddy.testing..", "dev.eddy.notebook..", "dev.eddy.kernel..");

    @ArchTest
    static final ArchRule testingHelpersUseOnlyTheDslAndIo = noClasses()
            .that().resideInAPackage("dev.eddy.testing..")
            .should().dependOnClassesThat().resideInAnyPackage(ABOVE_THE_DSL)
            .orShould().dependOnClassesThat().resideInAPackage("dev.eddy.windowing..");

    @ArchTest
    static final ArchRule runtimeKnowsNothingOfNotebooksOrTheKernel = noClasses()
            .that().resideInAPackage("dev.eddy.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.notebook..", "dev.eddy.kernel..",
                    "dev.eddy.testing..");

    @ArchTest
    static final ArchRule notebookUsesOnlyTheKernelsExtensionApi = noClasses()
            .that().resideInAPackage("dev.eddy.notebook..")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are in dev.eddy.kernel outside kernel.api",
                    c -> c.getPackageName().startsWith("dev.eddy.kernel")
                            && !c.getPackageName().startsWith("dev.eddy.kernel.api")))
            .allowEmptyShould(true);

    private static final String[] BELOW_RECOVERY = {
        "dev.eddy.dataflow..", "dev.eddy.windowing..", "dev.eddy.io..", "dev.eddy.testing..", "dev.eddy.runtime.."};

    @ArchTest
    static final ArchRule theCoreNeverReachesTheRecoveryRoom = noClasses()
            .that().resideInAnyPackage(BELOW_RECOVERY)
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.recovery..", "org.sqlite..");

    @ArchTest
    static final ArchRule onlyRecoveryUsesSqlite = noClasses()
            .that().resideOutsideOfPackage("dev.eddy.recovery..")
            .should().dependOnClassesThat().resideInAPackage("org.sqlite..");

    @ArchTest
    static final ArchRule recoveryKnowsNothingOfNotebooksOrTheKernel = noClasses()
            .that().resideInAPackage("dev.eddy.recovery..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.notebook..", "dev.eddy.kernel..",
                    "dev.eddy.testing..", "tech.tablesaw..")
            .allowEmptyShould(true);

    private static final String[] BELOW_KAFKA = {
        "dev.eddy.dataflow..", "dev.eddy.windowing..", "dev.eddy.io..", "dev.eddy.testing..", "dev.eddy.runtime..",
        "dev.eddy.recovery..", "dev.eddy.notebook..", "dev.eddy.kernel.."};

    /** Kafka is an io-level room: the core, the notebook and the kernel never load a Kafka or Avro class. */
    @ArchTest
    static final ArchRule theCoreNeverReachesTheKafkaRoom = noClasses()
            .that().resideInAnyPackage(BELOW_KAFKA)
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.kafka..", "org.apache.kafka..",
                    "org.apache.avro..");

    @ArchTest
    static final ArchRule theKafkaRoomUsesOnlyTheDslAndIo = noClasses()
            .that().resideInAPackage("dev.eddy.kafka..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.runtime..", "dev.eddy.recovery..",
                    "dev.eddy.windowing..", "dev.eddy.testing..", "dev.eddy.notebook..", "dev.eddy.kernel..",
                    "tech.tablesaw..")
            .allowEmptyShould(true);

    /**
     * The broker's jars (test scope) are for {@code LocalBroker}'s own JVM only: no class of Eddy's links to
     * the broker, its Scala library or Flink's Kafka connector; {@code LocalBroker} starts {@code kafka.Kafka}
     * by name in another process.
     */
    @ArchTest
    static final ArchRule noEddyClassLinksToTheKafkaBrokerOrFlinksKafkaConnector = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("kafka..", "scala..", "org.apache.kafka.server..",
                    "org.apache.kafka.metadata..", "org.apache.kafka.raft..", "org.apache.kafka.storage..",
                    "org.apache.flink.connector.kafka..");

    @ArchTest
    static final ArchRule nothingBelowTheFlinkRoomReachesIt = noClasses()
            .that().resideOutsideOfPackage("dev.eddy.flink..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.flink..", "org.apache.flink..");

    @ArchTest
    static final ArchRule theFlinkRoomKnowsNothingOfNotebooksOrTheKernel = noClasses()
            .that().resideInAPackage("dev.eddy.flink..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.notebook..", "dev.eddy.kernel..",
                    "dev.eddy.testing..", "tech.tablesaw..")
            .allowEmptyShould(true);

    /**
     * Parquet is a room of the notebook's own: only {@code dev.eddy.notebook.parquet} touches parquet-java, and
     * only {@code Results} (its {@code writeParquet}) reaches that room, so the kernel's start and every run that
     * writes no Parquet never load a Parquet class.
     */
    @ArchTest
    static final ArchRule onlyTheParquetRoomUsesParquet = noClasses()
            .that().resideOutsideOfPackage("dev.eddy.notebook.parquet..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.parquet..", "io.airlift.compress..");

    @ArchTest
    static final ArchRule onlyResultsReachesTheParquetRoom = noClasses()
            .that().resideOutsideOfPackage("dev.eddy.notebook.parquet..")
            .and().doNotHaveFullyQualifiedName("dev.eddy.notebook.Results")
            .should().dependOnClassesThat().resideInAPackage("dev.eddy.notebook.parquet..");

    @ArchTest
    static final ArchRule theParquetRoomKnowsOnlyTablesaw = noClasses()
            .that().resideInAPackage("dev.eddy.notebook.parquet..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.dataflow..", "dev.eddy.windowing..",
                    "dev.eddy.runtime..", "dev.eddy.kernel..", "dev.eddy.recovery..", "dev.eddy.kafka..",
                    "dev.eddy.flink..")
            .orShould().dependOnClassesThat().resideInAPackage("dev.eddy.notebook")
            .allowEmptyShould(true);

    /** A notebook runs a flow on any engine through runtime's Engine and FlowRun, never a runtime's own classes. */
    @ArchTest
    static final ArchRule notebookRunsFlowsOnlyThroughTheEngineInterface = noClasses()
            .that().resideInAPackage("dev.eddy.notebook..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.eddy.runtime.Execution")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.eddy.runtime.Runner");
}
