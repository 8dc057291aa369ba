package com.example.shop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README shows only code that compiles: each of its Java blocks is a whole file of this
 * project (or of another consumer test), named by the comment line above the block, and must
 * be identical to it (tabs shown as four spaces). Other blocks may be marked as part of a
 * file, such as a dependency of a POM.
 * <pre>
 * &lt;!-- file: consumer-tests/src/it/readme/src/main/java/com/example/shop/Permissions.java --&gt;
 * &lt;!-- part of: consumer-tests/src/it/redis-security/pom.xml --&gt;
 * </pre>
 */
class ReadmeTests {

	private static final Pattern MARKER = Pattern.compile("<!-- (file|part of): consumer-tests/src/it/(\\S+) -->");

	private static final String FENCE = "```";

	@Test
	void everyJavaBlockIsAFileOfTheConsumerTestsAndEveryMarkedBlockMatchesItsFile() throws IOException {
		List<String> lines = Files.readAllLines(property("readme"));
		List<String> checked = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher marker = MARKER.matcher(lines.get(i).trim());
			boolean marked = marker.matches();
			if (!marked && !lines.get(i).startsWith(FENCE + "java")) {
				continue;
			}
			int open = marked ? i + 1 : i;
			assertThat(open < lines.size() && lines.get(open).startsWith(FENCE))
				.as("line %d: the marker %s is followed by a code block", i + 1, lines.get(i))
				.isTrue();
			assertThat(marked || (i > 0 && MARKER.matcher(lines.get(i - 1).trim()).matches()))
				.as("line %d: a Java block of the README names the file it shows, as <!-- file: consumer-tests/src/it/... -->", i + 1)
				.isTrue();
			if (!marked) {
				continue;
			}
			int close = open + 1;
			while (close < lines.size() && !lines.get(close).startsWith(FENCE)) {
				close++;
			}
			String block = String.join("\n", lines.subList(open + 1, close)).strip();
			Path file = property("consumerTests").resolve(marker.group(2));
			assertThat(file).as("line %d names a file", i + 1).isRegularFile();
			// The files as they are in the repository, where a POM names Flagon's version as @project.version@
			String source = Files.readString(file)
				.replace("\t", "    ")
				.replace("@" + "project.version@", System.getProperty("flagonVersion"))
				.strip();
			if (marker.group(1).equals("file")) {
				assertThat(block).as("README line %d shows %s", open + 2, file).isEqualTo(source);
			}
			else {
				assertThat(normalize(source)).as("README line %d shows part of %s", open + 2, file)
					.contains(normalize(block));
			}
			checked.add(marker.group(2));
			i = close;
		}
		assertThat(checked).as("the README's checked blocks").hasSizeGreaterThanOrEqualTo(6);
	}

	private static String normalize(String text) {
		return text.replaceAll("\\s+", " ");
	}

	private static Path property(String name) {
		String path = System.getProperty(name);
		assertThat(path).as("the system property %s", name).isNotBlank();
		return Path.of(path);
	}

}
