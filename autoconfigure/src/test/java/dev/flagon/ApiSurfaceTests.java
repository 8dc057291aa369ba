package dev.flagon;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API is what {@code docs/api.md} lists, and no more than 32 types outside the
 * {@code autoconfigure}, {@code actuate} and {@code internal} packages: a type made public by
 * accident, or one the page forgets, fails here; and no public signature, configuration
 * included, names a type of an {@code internal} package.
 *
 * @author Flagon team
 */
class ApiSurfaceTests {

	private static final Pattern NOT_API = Pattern.compile("\\.(autoconfigure|actuate|internal)(\\.|$)");

	private static final Pattern INTERNAL_TYPE = Pattern.compile("\\bdev\\.flagon\\.([\\w.]+\\.)?internal\\.");

	@Test
	void publicTypesAreTheOnesTheApiPageLists() throws Exception {
		List<String> publicTypes = publicApiTypes();
		String apiPage = Files.readString(Path.of("..", "docs", "api.md"));
		assertThat(publicTypes).hasSizeLessThanOrEqualTo(32);
		assertThat(publicTypes).allSatisfy((name) -> assertThat(apiPage)
			.as("docs/api.md lists %s", name)
			.contains("`" + name.substring(name.lastIndexOf('.') + 1) + "`"));
	}

	@Test
	void apiTypesHaveJavadoc() throws Exception {
		assertThat(publicApiTypes()).allSatisfy((name) -> {
			Path source = Path.of("src", "main", "java", name.replace('.', '/') + ".java");
			String simpleName = name.substring(name.lastIndexOf('.') + 1);
			// A javadoc comment, then only annotations, then the type's declaration
			Pattern documented = Pattern.compile("/\\*\\*.*?\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*"
					+ "public (?:final |abstract |sealed )*(?:class|interface|enum|record|@interface) " + simpleName
					+ "\\b", Pattern.DOTALL);
			assertThat(documented.matcher(Files.readString(source)).find()).as("javadoc of %s", name).isTrue();
		});
	}

	@Test
	void noPublicSignatureNamesAnInternalType() throws Exception {
		// Configuration and the actuator endpoint included, nested types too
		List<Class<?>> types = publicTypes(true).stream().filter((type) -> !isInternal(type.getPackageName())).toList();
		assertThat(types).allSatisfy((type) -> {
			List<Type> named = new ArrayList<>();
			named.add(type.getGenericSuperclass());
			named.addAll(List.of(type.getGenericInterfaces()));
			for (Constructor<?> constructor : type.getDeclaredConstructors()) {
				if (isVisible(constructor.getModifiers())) {
					named.addAll(List.of(constructor.getGenericParameterTypes()));
				}
			}
			for (Method method : type.getDeclaredMethods()) {
				if (isVisible(method.getModifiers()) && !method.isSynthetic()) {
					named.add(method.getGenericReturnType());
					named.addAll(List.of(method.getGenericParameterTypes()));
				}
			}
			for (Field field : type.getDeclaredFields()) {
				if (isVisible(field.getModifiers())) {
					named.add(field.getGenericType());
				}
			}
			assertThat(named).as("what the public signatures of %s name", type.getName())
				.filteredOn(Objects::nonNull)
				.extracting(Type::getTypeName)
				.noneMatch((name) -> INTERNAL_TYPE.matcher(name).find());
		});
	}

	private static List<String> publicApiTypes() throws IOException, URISyntaxException {
		return publicTypes(false).stream()
			.map(Class::getName)
			.filter((name) -> !NOT_API.matcher(name.substring(0, name.lastIndexOf('.'))).find())
			.toList();
	}

	private static List<Class<?>> publicTypes(boolean nested) throws IOException, URISyntaxException {
		Path classes = Path.of(Flagon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		try (Stream<Path> files = Files.walk(classes)) {
			return files.map((file) -> classes.relativize(file).toString())
				.filter((file) -> file.endsWith(".class") && !file.endsWith("package-info.class"))
				.filter((file) -> nested || !file.contains("$"))
				.<Class<?>>map((file) -> load(file.substring(0, file.length() - ".class".length()).replace('/', '.')))
				.filter((type) -> Modifier.isPublic(type.getModifiers()))
				.sorted(Comparator.comparing(Class<?>::getName))
				.toList();
		}
	}

	private static boolean isInternal(String packageName) {
		return packageName.matches(".*\\.internal(\\..*)?");
	}

	private static boolean isVisible(int modifiers) {
		return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name, false, ApiSurfaceTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
