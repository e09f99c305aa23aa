package org.arivoice.ari.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.arivoice.rtp.codec.G711;
import org.junit.jupiter.api.Test;

/** The PlayTones generator and the dialplan model, without a server. */
class ToneGeneratorAndDialplanTest {
    private static int peak(byte[] ulaw) {
        int peak = 0;
        for (byte b : ulaw) {
            peak = Math.max(peak, Math.abs(G711.ulawToLinear(b)));
        }
        return peak;
    }

    @Test
    void aCadenceAlternatesToneAndSilenceAndRepeats() {
        ToneGenerator g = ToneGenerator.parse("440/100,0/100");
        for (int cycle = 0; cycle < 3; cycle++) {
            for (int i = 0; i < 5; i++) {
                assertThat(peak(g.nextFrame())).as("tone frame %d of cycle %d", i, cycle).isGreaterThan(6000);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(peak(g.nextFrame())).as("silent frame %d of cycle %d", i, cycle).isLessThan(10);
            }
        }
    }

    @Test
    void anItemMarkedOnceEndsAListWithoutRepetition() {
        ToneGenerator g = ToneGenerator.parse("!350+440/40");
        assertThat(peak(g.nextFrame())).isGreaterThan(7500); // two components of 7219 add up
        assertThat(g.nextFrame()).isNotNull();
        assertThat(g.nextFrame()).isNull();
    }

    @Test
    void formsTheFakeDoesNotGenerateAreRefusedWithAReason() {
        assertThatThrownBy(() -> ToneGenerator.parse("busy")).hasMessageContaining("f1[+f2][/ms]");
        assertThatThrownBy(() -> ToneGenerator.parse("440*20")).hasMessageContaining("'440*20'");
        assertThatThrownBy(() -> ToneGenerator.parse("")).hasMessageContaining("needs a tone list");
        assertThatThrownBy(() -> ToneGenerator.parse("1+2+3")).hasMessageContaining("at most two");
    }

    @Test
    void patternsMatchAsInAsterisk() {
        assertThat(Dialplan.patternMatches("9X.", "912")).isTrue();
        assertThat(Dialplan.patternMatches("9X.", "91")).isFalse();
        assertThat(Dialplan.patternMatches("NXX", "212")).isTrue();
        assertThat(Dialplan.patternMatches("NXX", "112")).isFalse();
        assertThat(Dialplan.patternMatches("Z!", "1")).isTrue();
        assertThat(Dialplan.patternMatches("[13-5]X", "42")).isTrue();
        assertThat(Dialplan.patternMatches("[13-5]X", "22")).isFalse();
        assertThat(Dialplan.patternMatches("[X", "1")).isFalse();
    }

    @Test
    void exactNamesWinOverPatternsAndPrioritiesAndLabelsResolve() {
        Dialplan d = Dialplan.parse(String.join("\n",
                "[c] ; a context", "exten => _X.,1,Hangup(21)", "exten => 100,1,NoOp(exact)",
                " same => n(end),Hangup()", "exten => 100,hint,PJSIP/100", "exten => 7,5,Busy"), "t.conf");
        assertThat(d.step("c", "100", 1)).hasValue(new Dialplan.Step("NoOp", "exact"));
        assertThat(d.step("c", "555", 1)).hasValue(new Dialplan.Step("Hangup", "21"));
        assertThat(d.label("c", "100", "end")).hasValue(2);
        assertThat(d.step("c", "7", 5)).hasValue(new Dialplan.Step("Busy", ""));
        assertThat(d.hasExtension("c", "7")).as("no priority 1").isFalse();
        assertThat(d.contextOf("100")).hasValue("c");
        assertThat(Dialplan.recorded().contexts()).containsExactly("ari-it");
        assertThat(Dialplan.recorded().step("ari-it", "caller", 3)).hasValue(new Dialplan.Step("Playback", "hello-world"));
    }
}
