package dev.flagon.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one task on several threads at once, for tests of what must hold under contention.
 *
 * @author Flagon team
 */
public final class Threads {

	private Threads() {
	}

	/**
	 * Run {@code task} on {@code count} new threads, released together, and wait for all of
	 * them to end.
	 * @param count the number of threads
	 * @param task what each thread runs
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void runTogether(int count, Runnable task) throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				task.run();
			});
			thread.start();
			threads.add(thread);
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
	}

}
