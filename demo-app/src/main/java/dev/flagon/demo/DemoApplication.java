package dev.flagon.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo: {@code app01} at {@code /} (this application), {@code app02} at {@code /app02}
 * and {@code app03} at {@code /app03}, mounted in {@code application.yml}. The component scan
 * of this class covers their packages too; Flagon keeps mounted apps' packages out of it.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
