package com.example.shop;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.flagon.context.G;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.hooks.TeardownRequest;
import dev.flagon.session.FlagonSession;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

@Component
class Permissions {

	private static final Logger log = LoggerFactory.getLogger(Permissions.class);

	@BeforeRequest
	Object load(HttpServletRequest request, G g, FlagonSession session) {
		if (session.get("user") == null && !request.getRequestURI().equals("/login")) {
			return ResponseEntity.status(401).body("log in first");   // ends the request
		}
		g.set("permissions", List.of("add", "update"));
		return null;                                                   // carry on
	}

	@AfterRequest
	void noSniff(HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");      // before the body is sent
	}

	@TeardownRequest
	void audit(HttpServletRequest request, @Nullable Throwable error) {
		log.info("{} ended {}", request.getRequestURI(), (error != null) ? "with " + error : "normally");
	}

}
