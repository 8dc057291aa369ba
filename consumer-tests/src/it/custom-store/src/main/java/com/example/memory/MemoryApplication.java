package com.example.memory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionValues;

@SpringBootApplication
public class MemoryApplication {

	@Bean
	InMemorySessionStore inMemorySessionStore(SessionCookie cookie, SessionValues values) {
		return new InMemorySessionStore(cookie, values);
	}

	public static void main(String[] args) {
		SpringApplication.run(MemoryApplication.class, args);
	}

}
