"""Case texts written for the tests, in the seed's shape but with other numbers of parts."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "content" / "seeds"
SEED_EN = (SEEDS / "paperless-office.en.txt").read_text(encoding="utf-8")
SEED_ZH = (SEEDS / "paperless-office.zh.txt").read_text(encoding="utf-8")

# Three parts; sub-points in parts 1 (two) and 3 (five); Markdown-looking characters that must
# stay text; a "mind map" marker without dashes.
MEETINGS_EN = """\
A county requires every township to report its daily work through three different apps and to
hold a weekly video meeting on the results. Township cadres say they spend more time on
reporting than on residents. How would you handle this?

Reference analysis:

1. The phenomenon. Digital tools were meant to save time. First, apps multiplied because each
department wanted its own data; Second, meetings about the data became routine.
2. The viewpoint is that tools must serve the work, and the *work* is with residents <not> with screens.
3. Countermeasures. First, merge the three apps into one reporting channel. Second, cancel the
weekly meeting unless there is a decision to take. Third, let townships report by exception.
Fourth, count results for residents, not screenshots. Fifth, review the rules after six months.
mind map
"""

# Six parts in Chinese, sub-points separated by "；", one part with four of them.
VILLAGE_ZH = """\
某村为完成上级“清理工作群”的指标，一次性解散了全部工作群，村民反映办事找不到人。对此你怎么看？
参考解析
1. 点明现象。一些地方为减负而“一刀切”解散工作群，影响了群众办事。
2. 提出观点。减负要减的是形式主义，不是为群众服务的渠道。
3. 分析原因。第一，指标脱离实际；第二，领导对政策理解不到位；第三，缺少听取群众意见的环节。
4. 对策建议。第一，面向群众的工作群要保留并规范管理；第二，重复的工作群可以合并；第三，只为打卡截图的工作群应当解散；第四，不以群的数量作为考核指标。
5. 组织实施。由镇党委牵头逐村研究，具体问题具体分析。
6. 总结。精简工作群是手段，为基层减负、为群众服务才是目的。
思维导图
"""

# Another topic entirely, in Chinese: photo check-ins for village cadres. Its parts have headings
# of their own; the viewpoint's core sentence is a short one ("督查与减负并不矛盾").
PHOTOS_ZH = """\
某乡镇要求村干部每完成一项工作都要拍照上传到政务App，每天至少打卡三次，照片数量还纳入月度考核。村干部反映，拍照上传占用了大量时间，有的人甚至摆拍应付。对此你怎么看？
参考解析
1. 点明现象。一些地方把拍照留痕当作检验工作的主要手段，“痕迹管理”变成了“留痕主义”。
2. 提出观点。督查与减负并不矛盾。必要的记录有助于规范工作，但用照片数量衡量实绩，就是形式主义。
3. 分析原因。第一，考核办法脱离基层实际；第二，上级图省事，以留痕代替实地检查；第三，一些领导干部政绩观有偏差。
4. 对策建议。第一，停止把照片数量作为考核指标；第二，确需记录的事项保留必要的影像，并限定范围；第三，用实地抽查和群众评价代替拍照打卡；第四，加强对领导干部的培训，树立正确的政绩观。
思维导图
"""

# Another topic entirely, in English, shaped like the English seed: parts without headings, whose
# titles come from their role; a decimal number that is no sentence end.
DOWNLOADS_EN = """\
A city district requires every resident to download its new service app and counts downloads in each community's monthly score. Community workers now spend evenings visiting households to install the app on elderly residents' phones, and residents complain of being pressed. What is your view?
Reference analysis
1. It shows that a tool meant to make services easier has become a burden in itself. Downloads are easy to count, so they are counted. Yet a download says nothing about whether a resident was served.
2. Put forward the viewpoint that digital services should win users by being useful, not by quotas. Forcing downloads wastes the workers' time and spends residents' goodwill.
3. Analyzing the reasons, the district saved 4.5 days per request where the app worked, but the problem has three roots: First, the district measures what is easy to measure; Second, the app was designed without asking residents what they need; Third, leaders treat download figures as proof of progress.
4. Countermeasures and suggestions. First, stop counting downloads in community scores; Second, keep offline channels open for residents who prefer them; Third, ask residents which services they want online and build those first; Fourth, review the app after six months by the problems it solved.
mind map
"""

# Words of the seed case that no other case's course may contain.
SEED_WORDS = ("work group", "working group", "工作群", "dissolve", "解散")
