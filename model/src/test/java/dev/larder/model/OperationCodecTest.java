package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationCodecTest {

    @Test
    void fractionsSurviveTheirConstantBitForBit() {
        double[] fractions = {0, 0.8, 1.0 / 3, 0.1 + 0.2, Double.MIN_VALUE, 1 - Math.ulp(1.0), 2.5};
        for (double fraction : fractions) {
            Operation cached = new Operation.Cached(
                    "c", "{a}", null, false, ResultKind.OPTIONAL, fraction, fraction, fraction, null, List.of());
            Operation written = new Operation.WriteThrough("c", "{id}", "{result}", null, fraction);

            assertThat(roundTrip(cached)).isEqualTo(cached);
            assertThat(roundTrip(written)).isEqualTo(written);
        }
    }

    @Test
    void everyResultKindSurvivesItsConstant() {
        for (ResultKind kind : ResultKind.values()) {
            Operation cached =
                    new Operation.Cached("c", "{a}", Duration.ofSeconds(3), true, kind, 0.5, 1, null, null, List.of());

            assertThat(roundTrip(cached)).isEqualTo(cached);
        }
    }

    @Test
    void constantsWithDecimalFractionsStillDecode() {
        // As classes woven at build time by an earlier version carry them: fractions written as decimal text.
        String cached = "1:C3:a#b1:c3:{a}0:5:false5:VALUE3:0.83:1.04:0.251:-0:";
        String written = "1:T3:a#b1:c4:{id}8:{result}0:3:0.5";

        assertThat(OperationCodec.decode(cached).operation())
                .isEqualTo(new Operation.Cached(
                        "c", "{a}", null, false, ResultKind.VALUE, 0.8, 1.0, 0.25, null, List.of()));
        assertThat(OperationCodec.decode(written).operation())
                .isEqualTo(new Operation.WriteThrough("c", "{id}", "{result}", null, 0.5));
    }

    @Test
    void anUnknownResultKindIsNotAnOperation() {
        String encoded = "1:C3:a#b1:c3:{a}0:5:false5:OTHER3:0.83:1.00:";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperationCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an encoded operation");
    }

    private static Operation roundTrip(Operation operation) {
        OperationCodec.Decoded decoded = OperationCodec.decode(OperationCodec.encode("a#b(int)", operation));
        assertThat(decoded.site()).isEqualTo("a#b(int)");
        return decoded.operation();
    }
}
