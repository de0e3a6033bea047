package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyArgumentsTest {

    @Test
    void of_givesTheParameterOfEachKeyPartWhenEveryParameterIsOneWholePart() {
        assertThat(KeyArguments.of("{id}", List.of("id"))).isEqualTo("0");
        assertThat(KeyArguments.of("{region}:{id}", List.of("id", "region"))).isEqualTo("1,0");
        assertThat(KeyArguments.of("", List.of())).isEmpty();
        assertThat(KeyArguments.indexes("1,0")).containsExactly(1, 0);
    }

    @Test
    void of_isNullWhenTheKeyDoesNotDetermineTheArguments() {
        assertThat(KeyArguments.problem("{query.page}", List.of("query")))
                .contains("its key part {query.page} is not a whole parameter");
        assertThat(KeyArguments.problem("{id}", List.of("id", "locale")))
                .contains("its key does not name parameter locale");
        assertThat(KeyArguments.problem("{id}:{id}", List.of("id"))).contains("its key names {id} twice");
        assertThat(KeyArguments.of("{this.tenant}:{id}", List.of("id"))).isNull();
    }
}
