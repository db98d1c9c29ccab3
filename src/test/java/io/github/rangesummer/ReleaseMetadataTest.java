/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What Maven Central requires of the pom, and the release profile, read from {@code pom.xml}: a
 * pom that Central would refuse, or a release that could ship a SNAPSHOT, fails here first.
 */
class ReleaseMetadataTest {

  private static final String REPOSITORY = "https://github.com/rangesummer/range-summer";

  private static Document pom;
  private static XPath xpath;

  @BeforeAll
  static void readPom() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()); // Surefire runs in basedir
    xpath = XPathFactory.newInstance().newXPath();
  }

  private static String text(String path) throws Exception {
    return xpath.evaluate(path, pom).strip();
  }

  @Test
  void coordinatesUrlAndScm_agreeWithTheGitHubNamespace() throws Exception {
    assertEquals("io.github.rangesummer", text("/project/groupId"));
    assertEquals(REPOSITORY, text("/project/url"));
    assertEquals(REPOSITORY, text("/project/scm/url"));
    assertEquals("scm:git:" + REPOSITORY + ".git", text("/project/scm/connection"));
    assertEquals(
        "scm:git:ssh://git@github.com/rangesummer/range-summer.git",
        text("/project/scm/developerConnection"));
    assertEquals(REPOSITORY + "/issues", text("/project/issueManagement/url"));
  }

  @Test
  void centralsRequiredElements_arePresent() throws Exception {
    for (String element :
        new String[] {
          "name", "description", "licenses/license/name", "licenses/license/url",
          "developers/developer/name", "developers/developer/url"
        }) {
      assertFalse(text("/project/" + element).isEmpty(), element);
    }
  }

  @Test
  void releaseProfile_isOffByDefault_signsPublishesAndBansSnapshots() throws Exception {
    String profile = "/project/profiles/profile[id='release']";
    assertEquals("release", text(profile + "/id"));
    assertFalse(text(profile + "/activation/activeByDefault").equals("true"));
    String plugins = profile + "/build/plugins/plugin";
    assertEquals("sign", text(plugins + "[artifactId='maven-gpg-plugin']//goal"));
    assertEquals(
        "true", text(plugins + "[artifactId='central-publishing-maven-plugin']/extensions"));
    String rules = plugins + "[artifactId='maven-enforcer-plugin']//rules";
    for (String rule : new String[] {"requireReleaseDeps", "requireReleaseVersion"}) {
      Object count = xpath.evaluate("count(" + rules + "/" + rule + ")", pom, XPathConstants.NUMBER);
      assertEquals(1.0, count, rule);
    }
  }

  @Test
  void changelog_linksItsVersions() throws Exception {
    String changelog = Files.readString(Path.of("CHANGELOG.md"), UTF_8);
    assertTrue(changelog.contains("## [Unreleased]"), "an Unreleased section");
    assertTrue(
        changelog.lines().anyMatch(line -> line.startsWith("[Unreleased]: " + REPOSITORY + "/")),
        "a link for [Unreleased]");
  }
}
