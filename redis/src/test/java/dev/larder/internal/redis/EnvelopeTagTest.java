package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.ValueType;
import org.junit.jupiter.api.Test;

/** Tagged envelopes: their tags and clock reading round-trip, and untagged envelopes are unchanged by them. */
class EnvelopeTagTest {
    private static final ValueType STRING = new ValueType("java.lang.String", EnvelopeTagTest.class.getClassLoader());
    private final JsonCodec codec = new JsonCodec();

    @Test
    void aTaggedValueKeepsItsTagsAndReadingBesideTheValue() throws Exception {
        byte[] bytes = Envelope.wrapTagged(codec, "Emma", 7L << 20, 1000, 5, 42, new String[] {"author:7", "shelf é"});

        RemoteValue value = Envelope.unwrap(codec, bytes, STRING);

        assertThat(value.value()).isEqualTo("Emma");
        assertThat(value.tagsSince()).isEqualTo(42);
        assertThat(value.tags()).containsExactly("author:7", "shelf é");
        assertThat(value.writtenAtMillis()).isEqualTo(1000);
        assertThat(value.loadNanos()).isEqualTo(5);
        assertThat(Envelope.isTombstone(bytes)).isFalse();
    }

    @Test
    void aTaggedNullKeepsItsTags() throws Exception {
        RemoteValue value = Envelope.unwrap(
                codec, Envelope.wrapTagged(codec, null, 7L << 20, 1000, 5, 3, new String[] {"t"}), STRING);

        assertThat(value.value()).isNull();
        assertThat(value.tags()).containsExactly("t");
    }

    @Test
    void anUntaggedValueIsTheSameBytesAsBeforeTagsAndDecodesWithoutTags() throws Exception {
        byte[] plain = Envelope.wrap(codec, "Emma", 7L << 20, 1000, 5);
        byte[] tagged = Envelope.wrapTagged(codec, "Emma", 7L << 20, 1000, 5, 0, new String[0]);

        assertThat(plain[2]).as("the kind byte of a value").isEqualTo((byte) 0);
        assertThat(tagged.length - plain.length)
                .as("the tags section: reading and count")
                .isEqualTo(10);
        RemoteValue value = Envelope.unwrap(codec, plain, STRING);
        assertThat(value.value()).isEqualTo("Emma");
        assertThat(value.tags()).isNull();
    }
}
