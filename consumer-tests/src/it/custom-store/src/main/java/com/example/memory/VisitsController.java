package com.example.memory;

import dev.flagon.session.FlagonSession;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class VisitsController {

	@GetMapping("/visits")
	String visits(FlagonSession session) {
		int visits = session.get("visits", Integer.class, 0) + 1;
		session.put("visits", visits);
		return Integer.toString(visits);
	}

	@GetMapping("/peek")
	String peek(FlagonSession session) {
		return String.valueOf(session.get("visits"));
	}

	@PostMapping("/logout")
	String logout(FlagonSession session) {
		session.invalidate();
		return "bye";
	}

}
