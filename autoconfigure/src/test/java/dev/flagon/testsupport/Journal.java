package dev.flagon.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;

/**
 * What hooks and handlers did, per test request id, for assertions about order. Teardown
 * hooks run after the response is sent, so readers wait for the entries they expect.
 *
 * @author Flagon team
 */
public final class Journal {

	private final Map<String, List<String>> entries = new ConcurrentHashMap<>();

	public void add(String id, String entry) {
		this.entries.computeIfAbsent(id, (key) -> new ArrayList<>());
		List<String> list = this.entries.get(id);
		synchronized (list) {
			list.add(entry);
		}
	}

	public List<String> get(String id) {
		List<String> list = this.entries.getOrDefault(id, List.of());
		synchronized (list) {
			return List.copyOf(list);
		}
	}

	/**
	 * Wait until the given entry is recorded for the id, then return every entry.
	 */
	public List<String> awaitEntry(String id, String last) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get(id).stream().anyMatch((e) -> e.startsWith(last)));
		return get(id);
	}

}
