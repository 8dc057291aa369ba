package dev.flagon.session.cookie;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.flagon.testsupport.Threads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Nonces}.
 */
class NoncesTests {

	private final Nonces nonces = new Nonces(12);

	@Test
	void writesOneNonceWhereItIsAskedAndNothingElse() {
		byte[] target = new byte[20];
		Arrays.fill(target, (byte) 0x55);
		this.nonces.next(target, 4);
		assertThat(Arrays.copyOfRange(target, 0, 4)).containsOnly(0x55);
		assertThat(Arrays.copyOfRange(target, 16, 20)).containsOnly(0x55);
		assertThat(Arrays.copyOfRange(target, 4, 16)).isNotEqualTo(new byte[] { 0x55, 0x55, 0x55, 0x55, 0x55, 0x55,
				0x55, 0x55, 0x55, 0x55, 0x55, 0x55 });
	}

	@Test
	void neverHandsOutANonceTwiceAcrossThreadsAndDraws() throws InterruptedException {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		Threads.runTogether(8, () -> {
			byte[] nonce = new byte[12];
			for (int i = 0; i < 5_000; i++) {
				this.nonces.next(nonce, 0);
				seen.add(HexFormat.of().formatHex(nonce));
			}
		});
		// 40,000 nonces are 625 draws of 64: a slice handed out twice would show here
		assertThat(seen).hasSize(40_000);
	}

	@Test
	void usesEveryBit() {
		byte[] set = new byte[12];
		byte[] clear = new byte[12];
		byte[] nonce = new byte[12];
		for (int i = 0; i < 1_000; i++) {
			this.nonces.next(nonce, 0);
			for (int b = 0; b < nonce.length; b++) {
				set[b] |= nonce[b];
				clear[b] |= (byte) ~nonce[b];
			}
		}
		assertThat(set).containsOnly(0xFF);
		assertThat(clear).containsOnly(0xFF);
	}

}
