package dev.larder.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.weaver.Dialects;
import org.junit.jupiter.api.Test;

/** The agent's switches for Spring Cache's and JCache's annotations. */
class AgentOptionsTest {
    @Test
    void springAndJcacheAreOffUnlessSwitchedOn() {
        assertThat(AgentOptions.parse("").dialects()).isEqualTo(Dialects.NONE);
        assertThat(AgentOptions.parse("spring=true").dialects()).isEqualTo(new Dialects(true, false));
        assertThat(AgentOptions.parse("jcache=true,spring=false").dialects()).isEqualTo(new Dialects(false, true));
    }

    @Test
    void switchesAreNotConfigurationKeys() {
        assertThat(AgentOptions.parse("spring=true,jcache=true").config()).isEmpty();
    }

    @Test
    void aSwitchThatIsNotABooleanIsRefused() {
        assertThatThrownBy(() -> AgentOptions.parse("spring=yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Larder agent option spring=yes must be true or false");
    }
}
