package dev.eddy.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Stream;
import org.junit.jupiter.api.Test;

class CompletionTypesTest {

    @Test
    void everyHiddenTypeExistsSoARenameCannotLeaveItBehind() {
        assertThat(CompletionTypes.INTERNAL).allSatisfy(name ->
                assertThat(CompletionTypes.load(name, getClass().getClassLoader())).as(name).isPresent());
    }

    @Test
    void hiddenTypesAreLeftOutBareOrAfterTheirPackageButNotAfterAnotherQualifier() {
        assertThat(CompletionTypes.hidden("SessionState", "")).isTrue();
        assertThat(CompletionTypes.hidden("SessionState(", "")).isTrue();
        assertThat(CompletionTypes.hidden("SessionState", "dev.eddy.windowing.")).isTrue();
        assertThat(CompletionTypes.hidden("SessionWindower", "")).isFalse();
        assertThat(CompletionTypes.hidden("SessionState", "my.own.")).isFalse();
    }

    @Test
    void aMethodShowsItsParameterAndReturnTypesAndHowManyOverloadsItHas() {
        assertThat(CompletionTypes.signature(Dataflow.class, "input(")).hasValue(
                "input(String stepId, Source<T> source) -> Stream<T>");
        assertThat(CompletionTypes.signature(Dataflow.class, "flowId()")).hasValue("flowId() -> String");
        assertThat(CompletionTypes.signature(String.class, "indexOf(")).get().asString()
                .startsWith("indexOf(").contains("-> int (+");
        assertThat(CompletionTypes.signature(Stream.class, "nothing(")).isEmpty();
    }

    @Test
    void typeNamesLosePackagesButKeepTypeArguments() {
        assertThat(CompletionTypes.simple("dev.eddy.dataflow.Stream<java.util.List<java.lang.Integer>>"))
                .isEqualTo("Stream<List<Integer>>");
    }
}
