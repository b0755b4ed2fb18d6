// Replies are judged by their body: the content-type header does not decide.
import { describe, expect, it } from 'vitest';
import { bodyProblem } from '../../src/aws/judge-reply-body.js';

describe('bodyProblem', () => {
  it.each([
    ['{"Roots":[]}', 'json'],
    ['<DescribeRegionsResponse/>', 'xml'],
    ['<?xml version="1.0"?><AssumeRoleResponse/>', 'xml'],
    ['', 'json'],
  ] as const)('accepts %s as %s', (body, expected) => {
    expect(bodyProblem(body, expected)).toBeUndefined();
  });

  it.each([
    ['<html><body>502</body></html>', 'xml', 'an HTML page'],
    ['<!DOCTYPE html><html></html>', 'json', 'an HTML page'],
    ['{"Roots":[', 'json', 'a body that is not JSON'],
    ['upstream error', 'xml', 'a body that is not XML'],
  ] as const)('refuses %s as %s: %s', (body, expected, problem) => {
    expect(bodyProblem(body, expected)).toBe(problem);
  });
});
