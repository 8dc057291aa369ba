package com.example.shop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.flagon.Flagon;
import dev.flagon.events.RequestExceptionEvent;
import dev.flagon.events.RequestFinishedEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

@Component
class RequestAudit {

	private static final Logger log = LoggerFactory.getLogger(RequestAudit.class);

	@EventListener
	void failed(RequestExceptionEvent event) {
		log.warn("{} failed in {}", Flagon.request().getRequestURI(), event.getApp().getName(), event.getException());
	}

	@EventListener
	void finished(RequestFinishedEvent event) {
		event.getResponse().setHeader("X-Served-By", event.getApp().getName());  // not committed yet
	}

}
